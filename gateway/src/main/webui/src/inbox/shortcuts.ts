// The inbox's keyboard shortcuts. Keys typed into a field are the field's, never a shortcut.

export type Shortcut = 'next' | 'previous' | 'resolve' | 'assign' | 'reply' | 'help' | 'escape';

const KEYS: Record<string, Shortcut> = {
  j: 'next',
  k: 'previous',
  e: 'resolve',
  a: 'assign',
  r: 'reply',
  '?': 'help',
  Escape: 'escape',
};

export const SHORTCUT_KEYS: [string, Shortcut][] = Object.entries(KEYS);

export function shortcutOf(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target'>,
): Shortcut | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const target = event.target as HTMLElement | null;
  if (target && event.key !== 'Escape') {
    const tag = target.tagName;
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable) return null;
  }
  return KEYS[event.key] ?? null;
}

/** The id next to the current one in a list (or the first), moving by step. */
export function step(ids: string[], current: string | undefined, by: 1 | -1): string | undefined {
  if (ids.length === 0) return undefined;
  const at = current ? ids.indexOf(current) : -1;
  if (at === -1) return ids[0];
  return ids[Math.min(ids.length - 1, Math.max(0, at + by))];
}
