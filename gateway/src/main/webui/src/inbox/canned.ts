import type { CannedResponse } from './types';

/**
 * The canned-response query when the reply box is a slash command being typed: "/ship" → "ship";
 * null when the text is not one (a slash later in the text is just a slash).
 */
export function slashQuery(text: string): string | null {
  const match = /^\/([\p{L}\p{N}_-]*)$/u.exec(text);
  return match ? match[1].toLowerCase() : null;
}

/** Canned responses matching a query: shortcut prefix first, then title or text containing it. */
export function matchCanned(all: CannedResponse[], query: string, limit = 8): CannedResponse[] {
  const q = query.toLowerCase();
  const prefix = all.filter((c) => c.shortcut.toLowerCase().startsWith(q));
  const rest = all.filter(
    (c) =>
      !prefix.includes(c) && ((c.title ?? '').toLowerCase().includes(q) || c.text.toLowerCase().includes(q)),
  );
  return [...prefix, ...rest].slice(0, limit);
}
