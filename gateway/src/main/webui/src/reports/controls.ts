// What a report asks for (range, model, grouping…), its defaults, and how it lives in the URL's query
// so that a report can be linked to.

export const MODELS = ['first_touch', 'last_touch', 'linear', 'u_shaped', 'time_decay'] as const;
export type Model = (typeof MODELS)[number];

export const ATTRIBUTION_GROUPS = ['channel', 'campaign'] as const;
export type AttributionGroup = (typeof ATTRIBUTION_GROUPS)[number];

export const INTERVALS = ['day', 'week'] as const;
export type Interval = (typeof INTERVALS)[number];

export const METRICS = ['contacts', 'qualified', 'sales', 'revenue', 'sessions'] as const;
export type Metric = (typeof METRICS)[number];

export const INBOX_GROUPS = ['channel', 'agent', 'team'] as const;
export type InboxGroup = (typeof INBOX_GROUPS)[number];

/** The longest ranges (days, both ends included) the services accept; attribution's is its default. */
export const ATTRIBUTION_MAX_DAYS = 1100;
export const INBOX_MAX_DAYS = 366;
export const DEFAULT_DAYS = 30;

export interface AttributionControls {
  from: string;
  to: string;
  model: Model;
  groupBy: AttributionGroup;
  interval: Interval;
  metric: Metric;
}

export interface InboxControls {
  from: string;
  to: string;
  groupBy: InboxGroup;
}

export type Query = Record<string, unknown>;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A local calendar day as YYYY-MM-DD. */
export function isoDay(date: Date): string {
  const y = String(date.getFullYear()).padStart(4, '0');
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** Whether text is a real day such as 2026-02-28 (not 2026-02-30). */
export function isDay(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  const match = DAY.exec(text);
  if (!match) return false;
  const [, y, m, d] = match.map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function utc(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

/** The day `days` after (or before, when negative) a YYYY-MM-DD day. */
export function addDays(day: string, days: number): string {
  return new Date(utc(day) + days * 86_400_000).toISOString().slice(0, 10);
}

/** How many days a range covers, both ends included. */
export function daysBetween(from: string, to: string): number {
  return Math.round((utc(to) - utc(from)) / 86_400_000) + 1;
}

/** The last `days` days up to and including today. */
export function defaultRange(today: Date = new Date(), days = DEFAULT_DAYS): { from: string; to: string } {
  const to = isoDay(today);
  return { from: addDays(to, -(days - 1)), to };
}

/** What is wrong with a range, as a message key, or null when it can be asked for. */
export function rangeProblem(from: string, to: string, maxDays: number): string | null {
  if (!isDay(from) || !isDay(to)) return 'reports.range.invalid';
  if (from > to) return 'reports.range.order';
  if (daysBetween(from, to) > maxDays) return 'reports.range.tooLong';
  return null;
}

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  const v = first(value);
  return typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : fallback;
}

function range(query: Query, today: Date): { from: string; to: string } {
  const fallback = defaultRange(today);
  const from = first(query.from);
  const to = first(query.to);
  return { from: isDay(from) ? from : fallback.from, to: isDay(to) ? to : fallback.to };
}

/** The attribution controls a URL query names; anything missing or wrong takes its default. */
export function attributionFromQuery(query: Query, today: Date = new Date()): AttributionControls {
  return {
    ...range(query, today),
    model: oneOf(query.model, MODELS, 'first_touch'),
    groupBy: oneOf(query.groupBy, ATTRIBUTION_GROUPS, 'channel'),
    interval: oneOf(query.interval, INTERVALS, 'day'),
    metric: oneOf(query.metric, METRICS, 'contacts'),
  };
}

export function attributionToQuery(c: AttributionControls): Record<string, string> {
  return {
    from: c.from,
    to: c.to,
    model: c.model,
    groupBy: c.groupBy,
    interval: c.interval,
    metric: c.metric,
  };
}

export function inboxFromQuery(query: Query, today: Date = new Date()): InboxControls {
  return { ...range(query, today), groupBy: oneOf(query.groupBy, INBOX_GROUPS, 'channel') };
}

export function inboxToQuery(c: InboxControls): Record<string, string> {
  return { from: c.from, to: c.to, groupBy: c.groupBy };
}

/** Whether a route's query already says the same as `wanted` (so no replace is needed). */
export function sameQuery(current: Query, wanted: Record<string, string>): boolean {
  const keys = new Set([...Object.keys(current), ...Object.keys(wanted)]);
  for (const key of keys) {
    if (first(current[key]) !== wanted[key]) return false;
  }
  return true;
}

/** The name a downloaded attribution CSV is saved under. */
export function csvFilename(from: string, to: string): string {
  const safe = (day: string) => (isDay(day) ? day : 'unknown');
  return `attribution-${safe(from)}-${safe(to)}.csv`;
}
