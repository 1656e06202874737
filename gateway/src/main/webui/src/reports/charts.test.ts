import { describe, expect, it } from 'vitest';
import {
  attributionBars,
  inboxTimeBars,
  inboxVolumeBars,
  MAX_LINES,
  periods,
  timeSeriesLines,
  weekStart,
} from './charts';
import type { AttributionRow, InboxRow, TimePoint } from './model';

const row = (key: string | null, contacts: number, revenue: number): AttributionRow => ({
  key,
  sessions: 1,
  contacts,
  qualified: contacts / 2,
  sales: 1,
  revenue,
});
const names = { contacts: 'C', qualified: 'Q', sales: 'S', revenue: 'R' };
const upper = (key: string | null) => (key ?? 'none').toUpperCase();

describe('attributionBars', () => {
  it('has one bar per row for each measure, revenue on its own axis', () => {
    const data = attributionBars([row('instagram', 11, 100), row(null, 1, 0)], upper, names);
    expect(data.labels).toEqual(['INSTAGRAM', 'NONE']);
    expect(data.datasets.map((d) => d.label)).toEqual(['C', 'Q', 'S', 'R']);
    expect(data.datasets[0].data).toEqual([11, 1]);
    expect(data.datasets[1].data).toEqual([5.5, 0.5]);
    expect(data.datasets[3].data).toEqual([100, 0]);
    expect(data.datasets.map((d) => d.yAxisID)).toEqual(['y', 'y', 'y', 'y1']);
  });
});

describe('periods', () => {
  it('lists every day of the range', () => {
    expect(periods('2026-11-29', '2026-12-02', 'day')).toEqual([
      '2026-11-29',
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
    ]);
  });
  it('lists weeks by their Monday', () => {
    expect(weekStart('2026-12-02')).toBe('2026-11-30'); // a Wednesday
    expect(weekStart('2026-11-29')).toBe('2026-11-23'); // a Sunday
    expect(weekStart('2026-11-30')).toBe('2026-11-30'); // a Monday
    expect(periods('2026-11-29', '2026-12-14', 'week')).toEqual([
      '2026-11-23',
      '2026-11-30',
      '2026-12-07',
      '2026-12-14',
    ]);
  });
});

const point = (period: string, key: string, contacts: number): TimePoint => ({
  period,
  key,
  sessions: 0,
  contacts,
  qualified: 0,
  sales: 0,
  revenue: contacts * 10,
});

describe('timeSeriesLines', () => {
  const range = { from: '2026-12-01', to: '2026-12-03', interval: 'day' as const };
  it('fills the days a key had nothing with zeros, biggest key first', () => {
    const points = [
      point('2026-12-01', 'sms', 1),
      point('2026-12-03', 'instagram', 4),
      point('2026-12-01', 'instagram', 1),
    ];
    const data = timeSeriesLines(points, range, 'contacts', upper, 'Other');
    expect(data.labels).toEqual(['2026-12-01', '2026-12-02', '2026-12-03']);
    expect(data.datasets.map((d) => d.label)).toEqual(['INSTAGRAM', 'SMS']);
    expect(data.datasets[0].data).toEqual([1, 0, 4]);
    expect(data.datasets[1].data).toEqual([1, 0, 0]);
  });
  it('charts the chosen metric', () => {
    const data = timeSeriesLines([point('2026-12-02', 'sms', 2)], range, 'revenue', upper, 'Other');
    expect(data.datasets[0].data).toEqual([0, 20, 0]);
  });
  it('sums the smallest keys into one line when there are too many', () => {
    const points = Array.from({ length: MAX_LINES + 2 }, (_, i) => point('2026-12-01', `k${i}`, i + 1));
    const data = timeSeriesLines(points, range, 'contacts', (k) => String(k), 'Other');
    expect(data.datasets).toHaveLength(MAX_LINES);
    expect(data.datasets[0].label).toBe(`k${MAX_LINES + 1}`);
    const other = data.datasets[MAX_LINES - 1];
    expect(other.label).toBe('Other');
    expect(other.data[0]).toBe(1 + 2 + 3); // k0, k1 and k2 are the three smallest
  });
  it('has no lines when there are no points', () => {
    expect(timeSeriesLines([], range, 'contacts', upper, 'Other').datasets).toEqual([]);
  });
});

const inboxRow = (key: string | null, first: number | null, resolution: number | null): InboxRow => ({
  key,
  name: null,
  opened: 4,
  resolved: 2,
  firstResponse: { count: 1, averageSeconds: first, medianSeconds: first },
  resolution: { count: 1, averageSeconds: resolution, medianSeconds: resolution },
});

describe('inbox charts', () => {
  it('shows volume and median times in minutes, with gaps where nothing was measured', () => {
    const rows = [inboxRow('whatsapp', 90, 7200), inboxRow(null, null, null)];
    const label = (r: InboxRow) => r.key ?? '-';
    const volume = inboxVolumeBars(rows, label, { opened: 'O', resolved: 'R' });
    expect(volume.labels).toEqual(['whatsapp', '-']);
    expect(volume.datasets[0].data).toEqual([4, 4]);
    expect(volume.datasets[1].data).toEqual([2, 2]);
    const times = inboxTimeBars(rows, label, { firstResponse: 'F', resolution: 'X' });
    expect(times.datasets[0].data).toEqual([1.5, null]);
    expect(times.datasets[1].data).toEqual([120, null]);
  });
});
