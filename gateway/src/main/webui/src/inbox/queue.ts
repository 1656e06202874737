import type { LiveFrame } from '../live';
import type { ConversationSummary, Message } from './types';

/**
 * What a live frame does to the conversation list on screen. Rows that are there change in place
 * and never move, so nothing jumps under the agent's cursor; activity on a conversation the list
 * does not show is counted, and the agent brings it in when they choose ("3 new").
 */
export interface QueueChange {
  items: ConversationSummary[];
  /** The conversation is not in the list: the list is behind by this one. */
  unseen?: string;
}

export function applyToQueue(items: ConversationSummary[], frame: LiveFrame): QueueChange {
  const payload = frame.payload ?? {};
  const id = payload.conversationId as string | undefined;
  if (!id) return { items };
  const at = items.findIndex((c) => c.id === id);
  if (frame.type === 'conversation.hidden') {
    return at === -1 ? { items } : { items: items.filter((c) => c.id !== id) };
  }
  if (at === -1) {
    const counts = frame.type === 'conversation.opened' || frame.type === 'conversation.message-added';
    return counts ? { items, unseen: id } : { items };
  }
  const row = items[at];
  let next: ConversationSummary = row;
  if (frame.type === 'conversation.message-added') {
    const isPrivate = payload.isPrivate === true;
    next = {
      ...row,
      lastMessagePreview: isPrivate
        ? row.lastMessagePreview
        : ((payload.preview as string) ?? row.lastMessagePreview),
      lastMessageAt: isPrivate ? row.lastMessageAt : ((payload.sentAt as string) ?? row.lastMessageAt),
      unreadCount: payload.direction === 'in' ? row.unreadCount + 1 : row.unreadCount,
      waitingSince:
        payload.direction === 'in'
          ? (row.waitingSince ?? (payload.sentAt as string) ?? null)
          : isPrivate
            ? row.waitingSince
            : null,
    };
  } else if (frame.type === 'conversation.updated') {
    next = {
      ...row,
      status: (payload.status as ConversationSummary['status']) ?? row.status,
      snoozeUntil: (payload.snoozeUntil as string | null) ?? null,
      assigneeId: (payload.assigneeId as string | null) ?? null,
      teamId: (payload.teamId as string | null) ?? null,
      priority: (payload.priority as ConversationSummary['priority']) ?? row.priority,
      labels: (payload.labels as string[]) ?? row.labels,
    };
  }
  if (next === row) return { items };
  const copy = items.slice();
  copy[at] = next;
  return { items: copy };
}

/**
 * What a live frame does to the open conversation's messages: delivery states and edits change in
 * place. Answers null when the frame names a message that is not on screen (the thread reloads).
 */
export function applyToThread(
  messages: Message[],
  conversationId: string,
  frame: LiveFrame,
): Message[] | null {
  const payload = frame.payload ?? {};
  if (frame.type === 'conversation.message-added') {
    if (payload.conversationId !== conversationId) return messages;
    return messages.some((m) => m.id === payload.messageId) ? messages : null;
  }
  if (frame.type === 'conversation.updated' && payload.conversationId === conversationId) {
    const changes =
      (payload.messages as Partial<
        Message & { messageId: string; errorCode: string; errorMessage: string }
      >[]) ?? [];
    if (changes.length === 0) return messages;
    return messages.map((m) => {
      const change = changes.find((c) => c.messageId === m.id);
      if (!change) return m;
      return {
        ...m,
        status: (change.status as Message['status']) ?? m.status,
        text: change.text ?? m.text,
        editedAt: change.editedAt ?? m.editedAt,
        error:
          change.status === 'failed'
            ? { code: change.errorCode ?? undefined, message: change.errorMessage ?? undefined }
            : m.error,
      };
    });
  }
  if (frame.type === 'message.status-changed') {
    const at = messages.findIndex((m) => m.id === payload.messageId);
    if (at === -1) return messages;
    const error = payload.error as Message['error'];
    const copy = messages.slice();
    copy[at] = { ...copy[at], status: payload.status as Message['status'], error: error ?? copy[at].error };
    return copy;
  }
  return messages;
}
