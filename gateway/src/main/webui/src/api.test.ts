import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, csrfToken, query, setSignedOutHandler } from './api';

afterEach(() => vi.unstubAllGlobals());

describe('api', () => {
  it('sends the CSRF cookie back as a header on state-changing calls only', async () => {
    document.cookie = 'tutti_csrf=abc%3D123';
    const fetch = vi.fn(
      async () => new Response('{"ok":true}', { headers: { 'Content-Type': 'application/json' } }),
    );
    vi.stubGlobal('fetch', fetch);
    await api('/api/x', { method: 'POST', body: { a: 1 } });
    await api('/api/y');
    const calls = fetch.mock.calls as unknown as [string, RequestInit][];
    expect((calls[0][1].headers as Record<string, string>)['X-CSRF-Token']).toBe('abc=123');
    expect(calls[0][1].body).toBe('{"a":1}');
    expect((calls[1][1].headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined();
  });

  it('turns a problem+json answer into an ApiError with its detail', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response('{"title":"Bad Request","detail":"text is required","status":400}', {
            status: 400,
            headers: { 'Content-Type': 'application/problem+json' },
          }),
      ),
    );
    await expect(api('/api/x', { method: 'POST' })).rejects.toMatchObject({
      status: 400,
      detail: 'text is required',
    });
  });

  it('hands a 401 to the sign-in handler', async () => {
    const signedOut = vi.fn();
    setSignedOutHandler(signedOut);
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('', { status: 401 })),
    );
    await expect(api('/api/me')).rejects.toBeInstanceOf(ApiError);
    expect(signedOut).toHaveBeenCalledOnce();
  });

  it('reads cookies and builds queries from set values', () => {
    expect(csrfToken('a=1; tutti_csrf=t0k')).toBe('t0k');
    expect(csrfToken('a=1')).toBeUndefined();
    expect(query({ view: 'team:1', q: '', cursor: undefined, limit: 50 })).toBe('?view=team%3A1&limit=50');
  });
});
