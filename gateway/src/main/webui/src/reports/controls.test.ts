import { describe, expect, it } from 'vitest';
import {
  addDays,
  attributionFromQuery,
  attributionToQuery,
  csvFilename,
  daysBetween,
  defaultRange,
  inboxFromQuery,
  inboxToQuery,
  isDay,
  rangeProblem,
  sameQuery,
} from './controls';

const today = new Date(2026, 11, 2, 15, 30); // 2 December 2026, local time

describe('days', () => {
  it('defaults to the last 30 days, today included', () => {
    expect(defaultRange(today)).toEqual({ from: '2026-11-03', to: '2026-12-02' });
    expect(daysBetween('2026-11-03', '2026-12-02')).toBe(30);
  });
  it('crosses months, years and leap days', () => {
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(defaultRange(new Date(2026, 0, 10), 30).from).toBe('2025-12-12');
  });
  it('knows a real day from a look-alike', () => {
    expect(isDay('2026-02-28')).toBe(true);
    expect(isDay('2026-02-30')).toBe(false);
    expect(isDay('2026-2-3')).toBe(false);
    expect(isDay(undefined)).toBe(false);
  });
  it('refuses a reversed, broken or too long range', () => {
    expect(rangeProblem('2026-11-01', '2026-12-31', 366)).toBeNull();
    expect(rangeProblem('2026-12-31', '2026-11-01', 366)).toBe('reports.range.order');
    expect(rangeProblem('', '2026-11-01', 366)).toBe('reports.range.invalid');
    expect(rangeProblem('2026-01-01', '2026-12-31', 365)).toBeNull();
    expect(rangeProblem('2026-01-01', '2027-01-01', 365)).toBe('reports.range.tooLong');
  });
});

describe('controls in the URL', () => {
  it('reads what the query names and defaults the rest', () => {
    const c = attributionFromQuery({ from: '2026-11-01', model: 'u_shaped', groupBy: 'campaign' }, today);
    expect(c).toEqual({
      from: '2026-11-01',
      to: '2026-12-02',
      model: 'u_shaped',
      groupBy: 'campaign',
      interval: 'day',
      metric: 'contacts',
    });
  });
  it('ignores values it does not know', () => {
    const c = attributionFromQuery(
      { from: 'yesterday', model: 'w_shaped', groupBy: 'agent', interval: 'hour' },
      today,
    );
    expect(c.from).toBe('2026-11-03');
    expect(c.model).toBe('first_touch');
    expect(c.groupBy).toBe('channel');
    expect(c.interval).toBe('day');
    expect(inboxFromQuery({ groupBy: 'campaign' }, today).groupBy).toBe('channel');
    expect(inboxFromQuery({ groupBy: ['agent', 'team'] }, today).groupBy).toBe('agent');
  });
  it('round-trips through the query', () => {
    const c = attributionFromQuery(
      {
        from: '2026-10-01',
        to: '2026-10-31',
        model: 'time_decay',
        groupBy: 'campaign',
        interval: 'week',
        metric: 'revenue',
      },
      today,
    );
    expect(attributionFromQuery(attributionToQuery(c), today)).toEqual(c);
    const i = inboxFromQuery({ from: '2026-10-01', to: '2026-10-31', groupBy: 'team' }, today);
    expect(inboxToQuery(i)).toEqual({ from: '2026-10-01', to: '2026-10-31', groupBy: 'team' });
  });
  it('tells when the query already says it', () => {
    expect(sameQuery({ from: 'a', to: 'b' }, { from: 'a', to: 'b' })).toBe(true);
    expect(sameQuery({ from: 'a', to: 'b', extra: 'x' }, { from: 'a', to: 'b' })).toBe(false);
    expect(sameQuery({ from: 'a' }, { from: 'a', to: 'b' })).toBe(false);
  });
});

describe('csvFilename', () => {
  it('names the range', () => {
    expect(csvFilename('2026-11-01', '2026-12-31')).toBe('attribution-2026-11-01-2026-12-31.csv');
  });
  it('never puts anything but a day in the name', () => {
    expect(csvFilename('../../etc', '2026-12-31')).toBe('attribution-unknown-2026-12-31.csv');
  });
});
