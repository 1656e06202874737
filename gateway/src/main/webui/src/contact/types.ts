// The shapes profiles answers (services/profiles: ContactView, TimelinePage, SuggestionView, MergeView).

export type Stage = 'new' | 'lead' | 'qualified' | 'customer' | 'disqualified';

export interface ChecklistItem {
  item: string;
  checked: boolean;
  note: string | null;
  byId: string | null;
  byName: string | null;
  at: string | null;
}

export interface Identity {
  channel: string;
  externalId: string;
  inboxId: string | null;
  name: string | null;
  handle: string | null;
  firstSeenAt: string | null;
  lastSeenAt: string | null;
}

export interface ContactHandle {
  kind: 'phone' | 'email' | 'username' | string;
  value: string;
  channel: string | null;
  source: string | null;
}

export interface Touch {
  channel: string | null;
  campaign: string | null;
  at: string | null;
}

export interface MergedContact {
  mergeId: string;
  contactId: string;
  name: string | null;
  byName: string | null;
  mergedAt: string;
}

export interface Contact {
  id: string;
  name: string | null;
  avatarUrl: string | null;
  language: string | null;
  country: string | null;
  city: string | null;
  company: string | null;
  notes: string | null;
  stage: Stage | string;
  disqualifiedReason: string | null;
  owner: { id: string; name: string | null } | null;
  checklist: ChecklistItem[];
  identities: Identity[];
  handles: ContactHandle[];
  attributes: Record<string, { type: string; value: unknown }>;
  firstTouch: Touch | null;
  lastTouch: Touch | null;
  merges: MergedContact[];
  createdAt: string;
  updatedAt: string;
}

export interface TimelineMessage {
  id: string;
  direction: 'in' | 'out' | string;
  kind: string;
  private: boolean;
  authorName: string | null;
  text: string | null;
  attachments: { type: string; name: string | null }[] | null;
  status: string | null;
  sentAt: string | null;
  createdAt: string | null;
}

export interface Conflict {
  field: string;
  kept: unknown;
  discarded: unknown;
}

interface EntryBase {
  id: string;
  at: string;
}

export interface ConversationEntry extends EntryBase {
  type: 'conversation';
  channel: string;
  inboxId: string | null;
  status: string | null;
  subject: string | null;
  lastMessagePreview: string | null;
  assigneeId: string | null;
  labels: string[] | null;
  recentMessages: TimelineMessage[] | null;
}

export interface SessionEntry extends EntryBase {
  type: 'session';
  sessionId: string;
  channel: string | null;
  campaign: string | null;
  landingUrl: string | null;
  referrer: string | null;
}

export interface SaleEntry extends EntryBase {
  type: 'sale';
  saleId: string;
  orderId: string | null;
  amount: number | string | null;
  currency: string | null;
}

export interface StageEntry extends EntryBase {
  type: 'stage-change';
  from: string;
  to: string;
  note: string | null;
  reason: string | null;
  source: string | null;
  byId: string | null;
  byName: string | null;
}

export interface MergeEntry extends EntryBase {
  type: 'merge' | 'unmerge';
  mergeId: string;
  survivorId: string;
  mergedId: string;
  byId: string | null;
  byName: string | null;
  conflicts: Conflict[] | null;
}

/** An entry of a type this panel does not know yet; shown as a plain row. */
export interface OtherEntry extends EntryBase {
  type: string;
}

export type TimelineEntry = ConversationEntry | SessionEntry | SaleEntry | StageEntry | MergeEntry;

export interface TimelinePage {
  items: (TimelineEntry | OtherEntry)[];
  nextCursor: string | null;
  missing: { source: string; reason: string; detail?: string | null }[] | null;
}

export interface ContactSummary {
  id: string;
  name: string | null;
  avatarUrl: string | null;
  company: string | null;
  stage: string;
  channels: string[] | null;
  emails: string[] | null;
  phones: string[] | null;
  lastSeenAt: string | null;
}

export interface SuggestionReason {
  reason: string;
  detail: string | null;
  confidence: number;
  at: string;
}

export interface Suggestion {
  id: string;
  contacts: ContactSummary[];
  confidence: number;
  reasons: SuggestionReason[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface MergeView {
  mergeId: string;
  survivorId: string;
  mergedId: string;
  conflicts: Conflict[] | null;
  identities: string[] | null;
  byName: string | null;
  mergedAt: string;
  unmergedAt: string | null;
}

export interface MergeResult {
  merge: MergeView;
  survivor: Contact;
  restored: Contact | null;
}
