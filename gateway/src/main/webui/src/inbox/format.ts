// How the inbox writes times, channels and delivery states.

export type Translate = (key: string, values?: Record<string, unknown>) => string;

/** How long someone has waited, shortly: "now", "5 min", "3 h", "2 d". */
export function waited(since: string | null | undefined, now: number, t: Translate): string {
  if (!since) return '';
  const minutes = Math.max(0, Math.floor((now - Date.parse(since)) / 60_000));
  if (minutes < 1) return t('time.now');
  if (minutes < 60) return t('time.minutes', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('time.hours', { n: hours });
  return t('time.days', { n: Math.floor(hours / 24) });
}

/** A short mark for each channel, shown in its colour next to the contact. */
export const CHANNEL_MARKS: Record<string, { mark: string; colour: string }> = {
  instagram: { mark: 'IG', colour: '#c13584' },
  messenger: { mark: 'FB', colour: '#0866ff' },
  whatsapp: { mark: 'WA', colour: '#128c7e' },
  sms: { mark: 'SMS', colour: '#6b7280' },
  telegram: { mark: 'TG', colour: '#229ed9' },
  email: { mark: '@', colour: '#7c3aed' },
  web: { mark: 'Web', colour: '#0f766e' },
};

export function channelMark(channel: string): { mark: string; colour: string } {
  return CHANNEL_MARKS[channel] ?? { mark: channel.slice(0, 3).toUpperCase(), colour: '#6b7280' };
}

/** Delivery ticks of a reply: one for sent, two for delivered, two blue for read. */
export function ticks(status: string | null): string {
  switch (status) {
    case 'pending':
      return '🕓';
    case 'sent':
      return '✓';
    case 'delivered':
    case 'read':
      return '✓✓';
    case 'failed':
      return '!';
    default:
      return '';
  }
}

/** The name to show for a conversation's customer. */
export function contactLabel(
  c: { contactName: string | null; contactHandle: string | null },
  t: Translate,
): string {
  return c.contactName || c.contactHandle || t('inbox.unknownContact');
}

export function clock(at: string, locale: string): string {
  const date = new Date(at);
  const today = new Date();
  const sameDay = date.toDateString() === today.toDateString();
  return sameDay
    ? date.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleString(locale, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}
