import { describe, expect, it } from 'vitest';
import { replyWindow, WINDOW_MS } from './replyWindow';
import type { Message } from './types';

const inbound = (sentAt: string) => ({ direction: 'in', sentAt }) as Message;
const outbound = (sentAt: string) => ({ direction: 'out', sentAt }) as Message;

describe('replyWindow', () => {
  const last = Date.parse('2026-12-01T10:00:00Z');

  it("is open within 24 hours of the customer's last message on WhatsApp", () => {
    const w = replyWindow(
      'whatsapp',
      [inbound('2026-11-30T08:00:00Z'), inbound('2026-12-01T10:00:00Z')],
      last + 3_600_000,
    );
    expect(w).toEqual({ open: true, closesAt: last + WINDOW_MS });
  });

  it('is closed a minute after 24 hours, whatever the business sent since', () => {
    const w = replyWindow(
      'instagram',
      [inbound('2026-12-01T10:00:00Z'), outbound('2026-12-02T09:00:00Z')],
      last + WINDOW_MS + 60_000,
    );
    expect(w.open).toBe(false);
  });

  it('does not apply to email, SMS or the website chat', () => {
    for (const channel of ['email', 'sms', 'web', 'telegram']) {
      expect(replyWindow(channel, [inbound('2020-01-01T00:00:00Z')], last).open).toBe(true);
    }
  });

  it('is closed on a Meta channel when the customer never wrote', () => {
    expect(replyWindow('messenger', [outbound('2026-12-01T10:00:00Z')], last).open).toBe(false);
  });
});
