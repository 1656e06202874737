import { describe, expect, it } from 'vitest';
import { matchCanned, slashQuery } from './canned';
import type { CannedResponse } from './types';

const canned = (shortcut: string, text: string, title: string | null = null): CannedResponse => ({
  id: shortcut,
  shortcut,
  title,
  text,
});

describe('slashQuery', () => {
  it('reads a slash command being typed', () => {
    expect(slashQuery('/')).toBe('');
    expect(slashQuery('/Ship')).toBe('ship');
    expect(slashQuery('/返品')).toBe('返品');
  });
  it('ignores text that is not one', () => {
    expect(slashQuery('and/or')).toBeNull();
    expect(slashQuery('/ship now')).toBeNull();
    expect(slashQuery('')).toBeNull();
  });
});

describe('matchCanned', () => {
  const all = [
    canned('refund', 'We refunded your order.'),
    canned('shipping', 'Your parcel ships in 2 days.', 'Shipping times'),
    canned('hello', 'Hi! How can we help with shipping or returns?'),
  ];
  it('puts shortcut prefixes first, then title and text matches', () => {
    expect(matchCanned(all, 'ship').map((c) => c.shortcut)).toEqual(['shipping', 'hello']);
  });
  it('lists all for an empty query, up to the limit', () => {
    expect(matchCanned(all, '', 2)).toHaveLength(2);
  });
});
