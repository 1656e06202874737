// A team's business hours: the API holds windows `{days: ['mon', 'fri'], from: '09:00', to: '18:00'}`
// in the team's time zone; the editor shows one row per weekday with its time ranges.

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Day = (typeof DAYS)[number];

export interface Window {
  days: string[];
  from: string;
  to: string;
}

export interface Range {
  from: string;
  to: string;
}

export interface DayHours {
  day: Day;
  ranges: Range[];
}

const TIME = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/;

/** Minutes since midnight of `HH:mm` (`24:00` is 1440), or null when it is not such a time. */
export function minutes(time: string): number | null {
  const m = TIME.exec(time);
  if (!m) return null;
  return m[1] === undefined ? 1440 : Number(m[1]) * 60 + Number(m[2]);
}

/** The windows as a week, Monday first, each day's ranges by start time. */
export function windowsToWeek(windows: readonly Window[] | null | undefined): DayHours[] {
  const week: DayHours[] = DAYS.map((day) => ({ day, ranges: [] }));
  for (const window of windows ?? []) {
    for (const raw of window.days) {
      const index = DAYS.indexOf(raw.trim().toLowerCase() as Day);
      if (index < 0) continue;
      const ranges = week[index].ranges;
      if (!ranges.some((r) => r.from === window.from && r.to === window.to)) {
        ranges.push({ from: window.from, to: window.to });
      }
    }
  }
  for (const day of week) day.ranges.sort((a, b) => (minutes(a.from) ?? 0) - (minutes(b.from) ?? 0));
  return week;
}

/** The week as the fewest windows: the days that share a range are one window. */
export function weekToWindows(week: readonly DayHours[]): Window[] {
  const byRange = new Map<string, Window>();
  for (const day of DAYS) {
    const entry = week.find((d) => d.day === day);
    for (const range of entry?.ranges ?? []) {
      const key = `${range.from}-${range.to}`;
      const window = byRange.get(key);
      if (window) {
        if (!window.days.includes(day)) window.days.push(day);
      } else {
        byRange.set(key, { days: [day], from: range.from, to: range.to });
      }
    }
  }
  return [...byRange.values()].sort(
    (a, b) =>
      DAYS.indexOf(a.days[0] as Day) - DAYS.indexOf(b.days[0] as Day) ||
      (minutes(a.from) ?? 0) - (minutes(b.from) ?? 0),
  );
}

export interface HoursProblem {
  day: Day;
  index: number;
  key: 'from' | 'to' | 'order' | 'overlap';
}

/** What the API would refuse (or what makes no sense) in a week. */
export function validateWeek(week: readonly DayHours[]): HoursProblem[] {
  const problems: HoursProblem[] = [];
  for (const { day, ranges } of week) {
    const spans: [number, number, number][] = [];
    ranges.forEach((range, index) => {
      const from = minutes(range.from);
      const to = minutes(range.to);
      if (from === null || from >= 1440) problems.push({ day, index, key: 'from' });
      else if (to === null || to === 0) problems.push({ day, index, key: 'to' });
      else if (to <= from) problems.push({ day, index, key: 'order' });
      else spans.push([from, to, index]);
    });
    spans.sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < spans.length; i++) {
      if (spans[i][0] < spans[i - 1][1]) problems.push({ day, index: spans[i][2], key: 'overlap' });
    }
  }
  return problems;
}

/** Days as short runs: ['mon','tue','wed','fri'] → 'Mon–Wed, Fri' with `label` naming a day. */
export function formatDays(days: readonly string[], label: (day: string) => string): string {
  const indexes = [...new Set(days.map((d) => DAYS.indexOf(d as Day)).filter((i) => i >= 0))].sort(
    (a, b) => a - b,
  );
  const parts: string[] = [];
  for (let i = 0; i < indexes.length;) {
    let j = i;
    while (j + 1 < indexes.length && indexes[j + 1] === indexes[j] + 1) j++;
    const first = label(DAYS[indexes[i]]);
    if (j - i >= 2) parts.push(`${first}–${label(DAYS[indexes[j]])}`);
    else for (let k = i; k <= j; k++) parts.push(label(DAYS[indexes[k]]));
    i = j + 1;
  }
  return parts.join(', ');
}

/** Windows in one line, e.g. 'Mon–Fri 09:00–18:00; Sat 10:00–14:00'; empty when none. */
export function formatWindows(windows: readonly Window[] | null | undefined, label: (day: string) => string) {
  return (windows ?? []).map((w) => `${formatDays(w.days, label)} ${w.from}–${w.to}`).join('; ');
}

/** A working week to start from: Monday to Friday, 09:00 to 17:00. */
export function standardWeek(): DayHours[] {
  return DAYS.map((day) => ({
    day,
    ranges: day === 'sat' || day === 'sun' ? [] : [{ from: '09:00', to: '17:00' }],
  }));
}

/** IANA time zones the browser knows, or a few common ones when it cannot tell. */
export function timeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  try {
    if (intl.supportedValuesOf) return intl.supportedValuesOf('timeZone');
  } catch {
    // fall back below
  }
  return ['UTC', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'Asia/Tokyo'];
}
