// What the contact panel decides without the DOM: who may do what, which stage moves make sense,
// how the timeline reads, and which merges can still be undone.
import { ApiError } from '../api';
import type {
  Contact,
  ContactSummary,
  ConversationEntry,
  MergeEntry,
  OtherEntry,
  Suggestion,
  TimelineEntry,
  TimelineMessage,
} from './types';

export const STAGES = ['new', 'lead', 'qualified', 'customer', 'disqualified'] as const;

export type Role = 'agent' | 'sales' | 'admin';

export interface Permissions {
  /** Qualify, disqualify, tick the checklist (profiles' StageResource: sales, admin). */
  changeStage: boolean;
  /** Merge, dismiss suggestions, unmerge (agent, sales, admin). */
  merge: boolean;
}

export function permissions(roles: readonly string[] | null | undefined): Permissions {
  const has = (role: Role) => roles?.includes(role) ?? false;
  return {
    changeStage: has('sales') || has('admin'),
    merge: has('agent') || has('sales') || has('admin'),
  };
}

export type StageAction = 'qualify' | 'disqualify';

/**
 * The stage moves a sales rep is offered from a stage: a customer has bought already, so neither;
 * otherwise whichever of qualified / disqualified the contact is not in yet.
 */
export function stageActions(stage: string): StageAction[] {
  if (stage === 'customer') return [];
  const actions: StageAction[] = [];
  if (stage !== 'qualified') actions.push('qualify');
  if (stage !== 'disqualified') actions.push('disqualify');
  return actions;
}

export function actionTarget(action: StageAction): 'qualified' | 'disqualified' {
  return action === 'qualify' ? 'qualified' : 'disqualified';
}

/** The body of {@code POST /api/contacts/{id}/stage}, or the reason it cannot be sent. */
export function stageRequest(
  action: StageAction,
  reason: string,
  note: string,
): { stage: string; reason?: string; note?: string } | { missing: 'reason' } {
  const r = reason.trim();
  const n = note.trim();
  if (action === 'disqualify' && !r) return { missing: 'reason' };
  return {
    stage: actionTarget(action),
    ...(r && action === 'disqualify' ? { reason: r } : {}),
    ...(n ? { note: n } : {}),
  };
}

export function stageTone(stage: string): '' | 'ok' | 'warn' | 'danger' {
  switch (stage) {
    case 'customer':
      return 'ok';
    case 'qualified':
      return 'ok';
    case 'lead':
      return 'warn';
    case 'disqualified':
      return 'danger';
    default:
      return '';
  }
}

export function isKnownStage(stage: string): boolean {
  return (STAGES as readonly string[]).includes(stage);
}

/** The letter shown in the avatar circle. */
export function initial(name: string | null | undefined, fallback = '?'): string {
  const trimmed = name?.trim();
  if (!trimmed) return fallback;
  return Array.from(trimmed)[0].toUpperCase();
}

/** Company and location, as far as known, e.g. "Acme · Osaka, JP". */
export function subtitle(contact: Pick<Contact, 'company' | 'city' | 'country'>): string {
  const place = [contact.city, contact.country].filter((p) => p && p.trim()).join(', ');
  return [contact.company?.trim(), place].filter((p) => p).join(' · ');
}

export function isConversation(entry: TimelineEntry | OtherEntry): entry is ConversationEntry {
  return entry.type === 'conversation';
}

export function isMerge(entry: TimelineEntry | OtherEntry): entry is MergeEntry {
  return entry.type === 'merge' || entry.type === 'unmerge';
}

/** A conversation's recent messages in reading order (oldest first); profiles gives newest first. */
export function readingOrder(messages: TimelineMessage[] | null | undefined): TimelineMessage[] {
  return [...(messages ?? [])].sort((a, b) => messageTime(a) - messageTime(b));
}

function messageTime(m: TimelineMessage): number {
  const at = Date.parse(m.sentAt ?? m.createdAt ?? '');
  return Number.isNaN(at) ? 0 : at;
}

export interface DayGroup<T> {
  /** YYYY-MM-DD in local time; the key of the group. */
  day: string;
  items: T[];
}

function localDay(at: string | number | Date): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return '';
  const mm = String(d.getMonth() + 1).padStart(2, '0');
  const dd = String(d.getDate()).padStart(2, '0');
  return `${d.getFullYear()}-${mm}-${dd}`;
}

/** Entries (newest first) grouped by their local day, newest day first, order kept inside a day. */
export function groupByDay<T extends { at: string }>(entries: readonly T[]): DayGroup<T>[] {
  const groups: DayGroup<T>[] = [];
  for (const entry of entries) {
    const day = localDay(entry.at);
    const last = groups[groups.length - 1];
    if (last && last.day === day) last.items.push(entry);
    else groups.push({ day, items: [entry] });
  }
  return groups;
}

/** 'today' | 'yesterday' | a locale date, for a group heading. */
export function dayLabel(
  day: string,
  now: Date,
  locale: string,
): { key: 'today' | 'yesterday' } | { text: string } {
  if (!day) return { text: '' };
  if (day === localDay(now)) return { key: 'today' };
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (day === localDay(yesterday)) return { key: 'yesterday' };
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(y, m - 1, d);
  const sameYear = y === now.getFullYear();
  return {
    text: date.toLocaleDateString(locale, {
      month: 'short',
      day: 'numeric',
      ...(sameYear ? {} : { year: 'numeric' }),
    }),
  };
}

/** A time of day, or a date and time when not today. */
export function when(at: string | null | undefined, locale: string, now = new Date()): string {
  if (!at) return '';
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return '';
  if (localDay(date) === localDay(now)) {
    return date.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  }
  return date.toLocaleString(locale, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    ...(date.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' }),
  });
}

export function money(amount: number | string | null, currency: string | null, locale: string): string {
  if (amount === null || amount === undefined) return '';
  const value = typeof amount === 'number' ? amount : Number(amount);
  if (Number.isNaN(value)) return String(amount);
  if (!currency) return value.toLocaleString(locale);
  try {
    return value.toLocaleString(locale, { style: 'currency', currency });
  } catch {
    return `${value.toLocaleString(locale)} ${currency}`;
  }
}

export interface UndoableMerge {
  mergeId: string;
  /** The contact that was folded in and comes back on undo. */
  contactId: string;
  name: string | null;
  at: string;
}

/**
 * The merges into this contact that are still in force: the contact's own {@code merges} first,
 * then merge entries of the timeline whose survivor is this contact and that no unmerge entry undid.
 */
export function undoableMerges(
  contact: Pick<Contact, 'id' | 'merges'> | null,
  timeline: readonly (TimelineEntry | OtherEntry)[] = [],
): UndoableMerge[] {
  if (!contact) return [];
  const undone = new Set(
    timeline
      .filter(isMerge)
      .filter((e) => e.type === 'unmerge')
      .map((e) => e.mergeId),
  );
  const out = new Map<string, UndoableMerge>();
  for (const m of contact.merges ?? []) {
    if (undone.has(m.mergeId)) continue;
    out.set(m.mergeId, { mergeId: m.mergeId, contactId: m.contactId, name: m.name, at: m.mergedAt });
  }
  for (const e of timeline.filter(isMerge)) {
    if (e.type !== 'merge' || e.survivorId !== contact.id || undone.has(e.mergeId)) continue;
    if (!out.has(e.mergeId)) {
      out.set(e.mergeId, { mergeId: e.mergeId, contactId: e.mergedId, name: null, at: e.at });
    }
  }
  return [...out.values()];
}

/** The merge id to offer "Undo" for when the timeline names one: the one whose survivor we are. */
export function mergeIdToUndo(
  entry: TimelineEntry | OtherEntry,
  undoable: readonly UndoableMerge[],
): string | null {
  if (!isMerge(entry) || entry.type !== 'merge') return null;
  return undoable.some((u) => u.mergeId === entry.mergeId) ? entry.mergeId : null;
}

/** The other contact of a suggestion, seen from {@code contactId}. */
export function otherContact(suggestion: Suggestion, contactId: string): ContactSummary | null {
  return suggestion.contacts.find((c) => c.id !== contactId) ?? null;
}

export function percent(confidence: number | string | null | undefined): number {
  const value = Number(confidence ?? 0);
  return Number.isNaN(value) ? 0 : Math.round(value * 100);
}

/** What to tell the person when a call failed: the problem's detail, else its title. */
export function problemText(error: unknown): string {
  if (error instanceof ApiError) {
    const body = error.body as { errors?: { field: string; message: string }[] } | undefined;
    const fields = body?.errors?.map((e) => `${e.field} ${e.message}`).join('; ');
    return error.detail || fields || error.title;
  }
  return error instanceof Error ? error.message : String(error);
}
