import type { Message } from './types';

// Meta's platforms let a business answer free-form only within 24 hours of the customer's last
// message (WhatsApp: a template after that; Messenger and Instagram: a message tag). The agent is
// told before typing, not after a failed send.
export const WINDOWED_CHANNELS = new Set(['whatsapp', 'messenger', 'instagram']);
export const WINDOW_MS = 24 * 60 * 60 * 1000;

export interface ReplyWindow {
  /** Whether a free-form reply may go out now. */
  open: boolean;
  /** When the window closes (or closed); null on channels without one or with no customer message. */
  closesAt: number | null;
}

export function replyWindow(channel: string, messages: Message[], now: number): ReplyWindow {
  if (!WINDOWED_CHANNELS.has(channel)) return { open: true, closesAt: null };
  let last = -Infinity;
  for (const m of messages) {
    if (m.direction === 'in') last = Math.max(last, Date.parse(m.sentAt));
  }
  if (last === -Infinity) return { open: false, closesAt: null };
  const closesAt = last + WINDOW_MS;
  return { open: now < closesAt, closesAt };
}
