import { describe, expect, it } from 'vitest';
import { channelMark, ticks, waited } from './format';

const t = (key: string, values?: Record<string, unknown>) => `${key}:${values?.n ?? ''}`;

describe('waited', () => {
  const now = Date.parse('2026-12-01T12:00:00Z');
  it('says how long in the largest unit', () => {
    expect(waited('2026-12-01T11:59:40Z', now, t)).toBe('time.now:');
    expect(waited('2026-12-01T11:15:00Z', now, t)).toBe('time.minutes:45');
    expect(waited('2026-12-01T07:00:00Z', now, t)).toBe('time.hours:5');
    expect(waited('2026-11-28T12:00:00Z', now, t)).toBe('time.days:3');
    expect(waited(null, now, t)).toBe('');
  });
});

describe('ticks and marks', () => {
  it('shows one tick when sent, two when delivered or read', () => {
    expect(ticks('sent')).toBe('✓');
    expect(ticks('delivered')).toBe('✓✓');
    expect(ticks('read')).toBe('✓✓');
    expect(ticks(null)).toBe('');
  });
  it('marks unknown channels by their name', () => {
    expect(channelMark('whatsapp').mark).toBe('WA');
    expect(channelMark('line').mark).toBe('LIN');
  });
});
