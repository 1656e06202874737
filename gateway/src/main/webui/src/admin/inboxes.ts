// Channel inboxes as connectors' /api/inboxes takes and shows them. Credentials are write-only: the
// API answers only which ones are set (`credentialsSet`), and a PUT that leaves one out keeps it.

export const INBOX_CHANNELS = [
  'messenger',
  'instagram',
  'whatsapp',
  'sms',
  'telegram',
  'email',
  'web',
] as const;
export type InboxChannel = (typeof INBOX_CHANNELS)[number];

export interface MailServer {
  host?: string;
  port?: number;
  username?: string;
  tls?: boolean;
}

export interface Inbox {
  id: string;
  name: string;
  channel: string;
  webhookUrl?: string;
  verifyToken?: string;
  siteKey?: string;
  widgetUrl?: string;
  pageId?: string;
  instagramAccountId?: string;
  phoneNumberId?: string;
  accountSid?: string;
  phoneNumber?: string;
  address?: string;
  imap?: MailServer;
  smtp?: MailServer;
  allowedOrigins?: string[];
  humanAgent?: boolean;
  credentialsSet?: string[];
  credentialsUnreadable?: boolean;
  health?: { status: string; reason?: string; since?: string };
  createdAt?: string;
  updatedAt?: string;
}

export interface InboxField {
  /** The request field; `imap.host` is `host` of the `imap` object. */
  name: string;
  kind: 'text' | 'secret' | 'number' | 'checkbox' | 'list';
  required?: boolean;
}

const META_SECRETS: InboxField[] = [
  { name: 'accessToken', kind: 'secret', required: true },
  { name: 'appSecret', kind: 'secret', required: true },
  { name: 'verifyToken', kind: 'text' },
];

function mailServer(prefix: 'imap' | 'smtp'): InboxField[] {
  return [
    { name: `${prefix}.host`, kind: 'text' },
    { name: `${prefix}.port`, kind: 'number' },
    { name: `${prefix}.username`, kind: 'text' },
    { name: `${prefix}.password`, kind: 'secret' },
    { name: `${prefix}.tls`, kind: 'checkbox' },
  ];
}

/** The fields each channel needs, as InboxService checks them. */
export const CHANNEL_FIELDS: Record<InboxChannel, InboxField[]> = {
  messenger: [
    { name: 'pageId', kind: 'text', required: true },
    ...META_SECRETS,
    { name: 'humanAgent', kind: 'checkbox' },
  ],
  instagram: [
    { name: 'instagramAccountId', kind: 'text' },
    { name: 'pageId', kind: 'text' },
    ...META_SECRETS,
    { name: 'humanAgent', kind: 'checkbox' },
  ],
  whatsapp: [{ name: 'phoneNumberId', kind: 'text', required: true }, ...META_SECRETS],
  sms: [
    { name: 'accountSid', kind: 'text', required: true },
    { name: 'authToken', kind: 'secret', required: true },
    { name: 'phoneNumber', kind: 'text', required: true },
  ],
  telegram: [
    { name: 'botToken', kind: 'secret', required: true },
    { name: 'secretToken', kind: 'secret', required: true },
  ],
  email: [
    { name: 'address', kind: 'text', required: true },
    { name: 'inboundSecret', kind: 'secret', required: true },
    ...mailServer('imap'),
    ...mailServer('smtp'),
  ],
  web: [{ name: 'allowedOrigins', kind: 'list' }],
};

export type FormValues = Record<string, string | boolean>;

export function isChannel(channel: string): channel is InboxChannel {
  return (INBOX_CHANNELS as readonly string[]).includes(channel);
}

/** The form's values for an inbox being changed: its settings, never a credential (none is sent back). */
export function formValues(inbox: Inbox): FormValues {
  const values: FormValues = {};
  if (!isChannel(inbox.channel)) return values;
  const record = inbox as unknown as Record<string, unknown>;
  for (const field of CHANNEL_FIELDS[inbox.channel]) {
    if (field.kind === 'secret') {
      values[field.name] = '';
      continue;
    }
    const [head, tail] = field.name.split('.');
    const raw = tail ? (record[head] as Record<string, unknown> | undefined)?.[tail] : record[head];
    if (field.kind === 'checkbox') values[field.name] = raw === true;
    else if (field.kind === 'list') values[field.name] = Array.isArray(raw) ? raw.join('\n') : '';
    else values[field.name] = raw === undefined || raw === null ? '' : String(raw);
  }
  return values;
}

/**
 * The request body: what was typed, trimmed; empty fields left out (so on a change, a credential
 * left empty keeps its stored value); `imap.*` and `smtp.*` as objects when a host is given.
 */
export function inboxRequest(
  name: string,
  channel: InboxChannel,
  values: FormValues,
): Record<string, unknown> {
  const body: Record<string, unknown> = { name: name.trim(), channel };
  const servers: Record<string, Record<string, unknown>> = {};
  for (const field of CHANNEL_FIELDS[channel]) {
    const raw = values[field.name];
    let value: unknown;
    if (field.kind === 'checkbox') value = raw === true ? true : undefined;
    else if (typeof raw !== 'string' || raw.trim() === '') value = undefined;
    else if (field.kind === 'number') value = Number(raw.trim());
    else if (field.kind === 'list') {
      value = raw
        .split(/[\n,]/)
        .map((s) => s.trim())
        .filter(Boolean);
    } else value = field.kind === 'secret' ? raw : raw.trim();
    if (value === undefined) continue;
    const [head, tail] = field.name.split('.');
    if (tail) (servers[head] ??= {})[tail] = value;
    else body[head] = value;
  }
  for (const [key, server] of Object.entries(servers)) {
    if (typeof server.host === 'string' && server.host) body[key] = server;
  }
  return body;
}

/** The fields a new inbox still lacks (names as in CHANNEL_FIELDS). */
export function missingFields(channel: InboxChannel, values: FormValues, editing = false): string[] {
  const missing = CHANNEL_FIELDS[channel]
    .filter((f) => f.required && !(editing && f.kind === 'secret'))
    .filter((f) => typeof values[f.name] !== 'string' || !(values[f.name] as string).trim())
    .map((f) => f.name);
  if (channel === 'instagram') {
    const id = String(values.instagramAccountId ?? '').trim();
    const page = String(values.pageId ?? '').trim();
    if (!id && !page) missing.push('instagramAccountId');
  }
  return missing;
}

/** One value to paste into the platform's console or a website. */
export interface Connection {
  key: 'webhookUrl' | 'verifyToken' | 'siteKey' | 'widgetUrl' | 'embed';
  value: string;
}

/** What an admin copies to connect the inbox, in the order the platform's console asks for it. */
export function connectionValues(inbox: Inbox): Connection[] {
  const out: Connection[] = [];
  if (inbox.webhookUrl) out.push({ key: 'webhookUrl', value: inbox.webhookUrl });
  if (inbox.verifyToken) out.push({ key: 'verifyToken', value: inbox.verifyToken });
  if (inbox.siteKey) out.push({ key: 'siteKey', value: inbox.siteKey });
  if (inbox.widgetUrl) out.push({ key: 'widgetUrl', value: inbox.widgetUrl });
  if (inbox.widgetUrl && inbox.siteKey) {
    out.push({ key: 'embed', value: embedSnippet(inbox.widgetUrl, inbox.siteKey) });
  }
  return out;
}

/** The script tag a website embeds for the chat. */
export function embedSnippet(widgetUrl: string, siteKey: string): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<script src="${escape(widgetUrl)}" data-site-key="${escape(siteKey)}" async></script>`;
}

/**
 * Why a platform could not call this webhook URL: platforms call only public https addresses.
 * Null when it looks fine.
 */
export function webhookWarning(url: string | undefined): 'notHttps' | 'local' | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'notHttps';
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '::1' ||
    /^127\./.test(host) ||
    /^10\./.test(host) ||
    /^192\.168\./.test(host) ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(host)
  ) {
    return 'local';
  }
  return parsed.protocol === 'https:' ? null : 'notHttps';
}

/** The i18n key of a channel's name (common's `channel.*`). */
export function channelKey(channel: string): string {
  return `channel.${channel}`;
}
