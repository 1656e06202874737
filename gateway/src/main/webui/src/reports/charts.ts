// Chart.js data built from report rows: plain objects, so that they can be tested without a canvas.
import type { ChartData } from 'chart.js';
import { addDays } from './controls';
import type { Interval, Metric } from './controls';
import type { AttributionRow, InboxRow, TimePoint } from './model';

export const PALETTE = [
  '#2563eb',
  '#16a34a',
  '#d97706',
  '#db2777',
  '#7c3aed',
  '#0891b2',
  '#65a30d',
  '#6b7280',
];

export type KeyLabel = (key: string | null) => string;

/** The names of the series, translated by the caller. */
export interface SeriesNames {
  contacts: string;
  qualified: string;
  sales: string;
  revenue: string;
}

/**
 * One group of bars per row: contacts, qualified and sales on the left axis (`y`), revenue on its own
 * right axis (`y1`), since money dwarfs counts.
 */
export function attributionBars(
  rows: AttributionRow[],
  label: KeyLabel,
  names: SeriesNames,
): ChartData<'bar'> {
  const counts = (['contacts', 'qualified', 'sales'] as const).map((metric, i) => ({
    label: names[metric],
    data: rows.map((r) => Number(r[metric])),
    backgroundColor: PALETTE[i],
    yAxisID: 'y',
  }));
  return {
    labels: rows.map((r) => label(r.key)),
    datasets: [
      ...counts,
      {
        label: names.revenue,
        data: rows.map((r) => Number(r.revenue)),
        backgroundColor: PALETTE[3],
        yAxisID: 'y1',
      },
    ],
  };
}

/** Monday of the week a day is in (weeks start on Monday, as the service's do). */
export function weekStart(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

/** Every period of a range, oldest first: each day, or the Monday of each week. */
export function periods(from: string, to: string, interval: Interval): string[] {
  const out: string[] = [];
  const step = interval === 'week' ? 7 : 1;
  for (let p = interval === 'week' ? weekStart(from) : from; p <= to; p = addDays(p, step)) out.push(p);
  return out;
}

/** How many keys get a line of their own; the rest are summed as "other". */
export const MAX_LINES = 6;

/**
 * One line per key (the biggest `MAX_LINES` by the metric's total, the others summed into one line
 * named `other`), with a value for every period of the range, zero where the service had nothing.
 */
export function timeSeriesLines(
  points: TimePoint[],
  range: { from: string; to: string; interval: Interval },
  metric: Metric,
  label: KeyLabel,
  other: string,
): ChartData<'line'> {
  const labels = periods(range.from, range.to, range.interval);
  const index = new Map(labels.map((p, i) => [p, i]));
  const byKey = new Map<string, number[]>();
  const totals = new Map<string, number>();
  for (const point of points) {
    const at = index.get(point.period);
    if (at === undefined) continue;
    const key = point.key ?? '';
    const values = byKey.get(key) ?? labels.map(() => 0);
    const value = Number(point[metric]);
    values[at] += value;
    byKey.set(key, values);
    totals.set(key, (totals.get(key) ?? 0) + value);
  }
  const keys = [...byKey.keys()].sort((a, b) => totals.get(b)! - totals.get(a)! || a.localeCompare(b));
  const shown = keys.length > MAX_LINES ? keys.slice(0, MAX_LINES - 1) : keys;
  const rest = keys.slice(shown.length);
  const line = (name: string, data: number[], i: number) => ({
    label: name,
    data: data.map((v) => Math.round(v * 100) / 100),
    borderColor: PALETTE[i % PALETTE.length],
    backgroundColor: PALETTE[i % PALETTE.length],
    tension: 0.2,
  });
  const datasets = shown.map((key, i) => line(label(key || null), byKey.get(key)!, i));
  if (rest.length) {
    const summed = labels.map((_, at) => rest.reduce((sum, key) => sum + byKey.get(key)![at], 0));
    datasets.push(line(other, summed, PALETTE.length - 1));
  }
  return { labels, datasets };
}

/** Volume per group: conversations opened and resolved. */
export function inboxVolumeBars(
  rows: InboxRow[],
  label: (row: InboxRow) => string,
  names: { opened: string; resolved: string },
): ChartData<'bar'> {
  return {
    labels: rows.map(label),
    datasets: [
      { label: names.opened, data: rows.map((r) => r.opened), backgroundColor: PALETTE[0] },
      { label: names.resolved, data: rows.map((r) => r.resolved), backgroundColor: PALETTE[1] },
    ],
  };
}

/** Median first response and resolution per group, in minutes (null where there is none). */
export function inboxTimeBars(
  rows: InboxRow[],
  label: (row: InboxRow) => string,
  names: { firstResponse: string; resolution: string },
): ChartData<'bar'> {
  const minutes = (s: number | null) => (s === null ? null : Math.round((s / 60) * 10) / 10);
  return {
    labels: rows.map(label),
    datasets: [
      {
        label: names.firstResponse,
        data: rows.map((r) => minutes(r.firstResponse.medianSeconds)),
        backgroundColor: PALETTE[2],
      },
      {
        label: names.resolution,
        data: rows.map((r) => minutes(r.resolution.medianSeconds)),
        backgroundColor: PALETTE[4],
      },
    ],
  };
}
