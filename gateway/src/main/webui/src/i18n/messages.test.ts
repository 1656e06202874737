import { describe, expect, it } from 'vitest';
import { initialLocale, messages } from '.';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('messages', () => {
  it('has every English text in Japanese too', () => {
    const ja = new Set(keys(messages.ja));
    expect(keys(messages.en).filter((k) => !ja.has(k))).toEqual([]);
  });
  it('has no Japanese text English lacks', () => {
    const en = new Set(keys(messages.en));
    expect(keys(messages.ja).filter((k) => !en.has(k))).toEqual([]);
  });
  it("picks the stored language, then the browser's, then English", () => {
    expect(initialLocale('ja', ['en-US'])).toBe('ja');
    expect(initialLocale(null, ['ja-JP', 'en'])).toBe('ja');
    expect(initialLocale('fr', ['de-DE'])).toBe('en');
  });
});
