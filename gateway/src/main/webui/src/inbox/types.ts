// The shapes conversations answers with (ARCHITECTURE.md §5; services/conversations/README.md).

export interface ConversationSummary {
  id: string;
  contactId: string;
  contactName: string | null;
  contactHandle: string | null;
  channel: string;
  inboxId: string;
  status: 'open' | 'pending' | 'snoozed' | 'resolved';
  snoozeUntil: string | null;
  priority: 'none' | 'low' | 'medium' | 'high' | 'urgent';
  assigneeId: string | null;
  teamId: string | null;
  labels: string[];
  subject: string | null;
  lastMessagePreview: string | null;
  lastMessageAt: string | null;
  waitingSince: string | null;
  unreadCount: number;
}

export interface OtherConversation {
  id: string;
  channel: string;
  status: string;
  lastMessagePreview?: string | null;
  lastMessageAt?: string | null;
}

export interface ConversationDetail extends ConversationSummary {
  externalContactId: string | null;
  openedAt: string;
  firstReplyAt: string | null;
  resolvedAt: string | null;
  updatedAt: string;
  otherConversations: OtherConversation[];
}

export interface Attachment {
  type: string;
  url: string;
  name?: string | null;
  size?: number | null;
  mimeType?: string | null;
}

export interface Message {
  id: string;
  conversationId: string;
  direction: 'in' | 'out';
  kind: string;
  senderId: string | null;
  private: boolean;
  authorName: string | null;
  text: string | null;
  html: string | null;
  subject: string | null;
  attachments: Attachment[];
  status: 'pending' | 'sent' | 'delivered' | 'read' | 'failed' | null;
  error: { code?: string; message?: string } | null;
  sentAt: string;
  createdAt: string;
  editedAt: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Team {
  id: string;
  name: string;
  memberIds?: string[];
}

export interface Agent {
  id: string;
  username: string;
  name: string | null;
  availability: string;
  openCount?: number;
  capacity?: number;
}

export interface Counts {
  mine: number;
  unassigned: number;
  all: number;
  teams: Record<string, number>;
}

export interface CannedResponse {
  id: string;
  shortcut: string;
  title: string | null;
  text: string;
}

export interface Activity {
  id: string;
  type: string;
  actor: string | null;
  details: Record<string, unknown> & { summary?: string };
  at: string;
}
