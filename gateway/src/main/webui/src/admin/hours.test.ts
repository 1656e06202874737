import { describe, expect, it } from 'vitest';
import { formatDays, formatWindows, minutes, validateWeek, weekToWindows, windowsToWeek } from './hours';

const label = (d: string) => d[0].toUpperCase() + d.slice(1);

describe('business hours', () => {
  it('reads times, 24:00 included', () => {
    expect(minutes('09:30')).toBe(570);
    expect(minutes('24:00')).toBe(1440);
    expect(minutes('24:01')).toBeNull();
    expect(minutes('9:00')).toBeNull();
  });
  it('spreads windows over the week and groups them back', () => {
    const windows = [
      { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' },
      { days: ['sat'], from: '10:00', to: '14:00' },
      { days: ['fri'], from: '20:00', to: '24:00' },
    ];
    const week = windowsToWeek(windows);
    expect(week[4]).toEqual({
      day: 'fri',
      ranges: [
        { from: '09:00', to: '18:00' },
        { from: '20:00', to: '24:00' },
      ],
    });
    expect(week[6].ranges).toEqual([]);
    expect(weekToWindows(week)).toEqual([
      { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' },
      { days: ['fri'], from: '20:00', to: '24:00' },
      { days: ['sat'], from: '10:00', to: '14:00' },
    ]);
  });
  it('has no windows for a week without hours', () => {
    expect(weekToWindows(windowsToWeek(null))).toEqual([]);
  });
  it('finds bad, reversed and overlapping ranges', () => {
    const week = windowsToWeek([]);
    week[0].ranges = [{ from: '18:00', to: '09:00' }];
    week[1].ranges = [
      { from: '09:00', to: '13:00' },
      { from: '12:00', to: '17:00' },
    ];
    week[2].ranges = [
      { from: '24:00', to: '24:00' },
      { from: '08:00', to: '00:00' },
    ];
    expect(validateWeek(week)).toEqual([
      { day: 'mon', index: 0, key: 'order' },
      { day: 'tue', index: 1, key: 'overlap' },
      { day: 'wed', index: 0, key: 'from' },
      { day: 'wed', index: 1, key: 'to' },
    ]);
  });
  it('formats runs of days', () => {
    expect(formatDays(['fri', 'mon', 'tue', 'wed'], label)).toBe('Mon–Wed, Fri');
    expect(formatDays(['sat', 'sun'], label)).toBe('Sat, Sun');
    expect(formatWindows([{ days: ['mon', 'tue', 'wed'], from: '09:00', to: '17:00' }], label)).toBe(
      'Mon–Wed 09:00–17:00',
    );
    expect(formatWindows([], label)).toBe('');
  });
});
