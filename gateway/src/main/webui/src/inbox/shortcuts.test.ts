import { describe, expect, it } from 'vitest';
import { shortcutOf, step } from './shortcuts';

const key = (k: string, target: Partial<HTMLElement> = { tagName: 'BODY' }, mods = {}) =>
  ({ key: k, ctrlKey: false, metaKey: false, altKey: false, target, ...mods }) as unknown as KeyboardEvent;

describe('shortcutOf', () => {
  it('maps the inbox keys', () => {
    expect(shortcutOf(key('j'))).toBe('next');
    expect(shortcutOf(key('k'))).toBe('previous');
    expect(shortcutOf(key('e'))).toBe('resolve');
    expect(shortcutOf(key('a'))).toBe('assign');
    expect(shortcutOf(key('r'))).toBe('reply');
    expect(shortcutOf(key('?'))).toBe('help');
  });
  it('leaves keys typed into a field to the field', () => {
    expect(shortcutOf(key('j', { tagName: 'TEXTAREA' }))).toBeNull();
    expect(shortcutOf(key('e', { tagName: 'INPUT' }))).toBeNull();
  });
  it('leaves browser shortcuts alone', () => {
    expect(shortcutOf(key('r', { tagName: 'BODY' }, { ctrlKey: true }))).toBeNull();
  });
});

describe('step', () => {
  const ids = ['a', 'b', 'c'];
  it('moves and stops at the ends', () => {
    expect(step(ids, 'a', 1)).toBe('b');
    expect(step(ids, 'c', 1)).toBe('c');
    expect(step(ids, 'a', -1)).toBe('a');
  });
  it('starts at the first when nothing is open', () => {
    expect(step(ids, undefined, 1)).toBe('a');
    expect(step([], undefined, 1)).toBeUndefined();
  });
});
