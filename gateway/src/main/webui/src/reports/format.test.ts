import { describe, expect, it } from 'vitest';
import { durationParts, formatCredit, formatDuration, formatMoney, keyLabel } from './format';
import { messages } from '../i18n';

/** A translator over the real English messages, so that tests read what people read. */
function translator(locale: 'en' | 'ja') {
  return (key: string, values: Record<string, unknown> = {}) => {
    let node: unknown = messages[locale];
    for (const part of key.split('.')) node = (node as Record<string, unknown>)?.[part];
    if (typeof node !== 'string') return key;
    return node.replace(/\{(\w+)\}/g, (_, name) => String(values[name]));
  };
}
const en = translator('en');
const ja = translator('ja');

describe('durations', () => {
  it('uses the largest two units and rounds the smaller', () => {
    expect(formatDuration(3.03, en)).toBe('3 s');
    expect(formatDuration(59.4, en)).toBe('59 s');
    expect(formatDuration(240, en)).toBe('4 min');
    expect(formatDuration(269, en)).toBe('4 min');
    expect(formatDuration(3600, en)).toBe('1 h');
    expect(formatDuration(2 * 3600 + 5 * 60 + 10, en)).toBe('2 h 5 min');
    expect(formatDuration(3 * 86400 + 4 * 3600 + 100, en)).toBe('3 d 4 h');
    expect(formatDuration(2 * 86400, en)).toBe('2 d');
  });
  it('does not show 60 min or 24 h', () => {
    expect(durationParts(3599)).toEqual([{ unit: 'hours', n: 1 }]);
    expect(durationParts(86_399)).toEqual([{ unit: 'days', n: 1 }]);
  });
  it('speaks Japanese too', () => {
    expect(formatDuration(7500, ja)).toBe('2時間 5分');
  });
  it('shows a dash when nothing was measured', () => {
    expect(formatDuration(null, en)).toBe('—');
    expect(formatDuration(undefined, en)).toBe('—');
  });
});

describe('numbers', () => {
  it('writes money in the report currency', () => {
    expect(formatMoney(100, 'USD', 'en')).toBe('$100.00');
    expect(formatMoney(1234.5, 'JPY', 'ja')).toMatch(/1,235/);
    expect(formatMoney(5, 'NOPE', 'en')).toBe('5 NOPE');
  });
  it('writes credits with at most two decimals', () => {
    expect(formatCredit(11, 'en')).toBe('11');
    expect(formatCredit(1.333333, 'en')).toBe('1.33');
    expect(formatCredit('0.50', 'en')).toBe('0.5');
  });
});

describe('keyLabel', () => {
  it("names channels in the reader's language", () => {
    expect(keyLabel('email', 'channel', ja)).toBe('メール');
    expect(keyLabel('search', 'channel', en)).toBe('Search');
    expect(keyLabel('line', 'channel', en)).toBe('line');
  });
  it('names agents, keeps campaigns as they are, and says when there is no key', () => {
    expect(keyLabel('a-1', 'agent', en, { 'a-1': 'Ada' })).toBe('Ada');
    expect(keyLabel('a-2', 'agent', en, { 'a-1': 'Ada' })).toBe('a-2');
    expect(keyLabel('<b>sale</b>', 'campaign', en)).toBe('<b>sale</b>');
    expect(keyLabel(null, 'agent', en)).toBe('Unassigned');
    expect(keyLabel(null, 'campaign', en)).toBe('(none)');
  });
});
