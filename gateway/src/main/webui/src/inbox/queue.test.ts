import { describe, expect, it } from 'vitest';
import { applyToQueue, applyToThread } from './queue';
import type { ConversationSummary, Message } from './types';

function row(id: string, over: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    id,
    contactId: `contact-${id}`,
    contactName: `Customer ${id}`,
    contactHandle: null,
    channel: 'instagram',
    inboxId: 'inbox',
    status: 'open',
    snoozeUntil: null,
    priority: 'none',
    assigneeId: null,
    teamId: null,
    labels: [],
    subject: null,
    lastMessagePreview: 'hello',
    lastMessageAt: '2026-12-01T10:00:00Z',
    waitingSince: null,
    unreadCount: 0,
    ...over,
  };
}

function message(id: string, over: Partial<Message> = {}): Message {
  return {
    id,
    conversationId: 'c1',
    direction: 'out',
    kind: 'message',
    senderId: 'agent',
    private: false,
    authorName: 'Alice',
    text: 'hi',
    html: null,
    subject: null,
    attachments: [],
    status: 'pending',
    error: null,
    sentAt: '2026-12-01T10:00:00Z',
    createdAt: '2026-12-01T10:00:00Z',
    editedAt: null,
    ...over,
  };
}

describe('applyToQueue', () => {
  const list = [row('a'), row('b'), row('c')];

  it('updates a shown conversation in place without moving it', () => {
    const { items, unseen } = applyToQueue(list, {
      type: 'conversation.message-added',
      payload: {
        conversationId: 'c',
        preview: 'Is it in blue?',
        direction: 'in',
        sentAt: '2026-12-01T11:00:00Z',
      },
    });
    expect(items.map((c) => c.id)).toEqual(['a', 'b', 'c']);
    expect(items[2].lastMessagePreview).toBe('Is it in blue?');
    expect(items[2].unreadCount).toBe(1);
    expect(items[2].waitingSince).toBe('2026-12-01T11:00:00Z');
    expect(unseen).toBeUndefined();
  });

  it('keeps the preview when an agent adds a note', () => {
    const { items } = applyToQueue(list, {
      type: 'conversation.message-added',
      payload: { conversationId: 'a', preview: 'internal', direction: 'out', isPrivate: true },
    });
    expect(items[0].lastMessagePreview).toBe('hello');
  });

  it('an agent reply stops the wait', () => {
    const waiting = [row('a', { waitingSince: '2026-12-01T09:00:00Z' })];
    const { items } = applyToQueue(waiting, {
      type: 'conversation.message-added',
      payload: {
        conversationId: 'a',
        preview: 'On its way',
        direction: 'out',
        sentAt: '2026-12-01T11:00:00Z',
      },
    });
    expect(items[0].waitingSince).toBeNull();
  });

  it('counts activity on a conversation the list does not show instead of inserting it', () => {
    const { items, unseen } = applyToQueue(list, {
      type: 'conversation.opened',
      payload: { conversationId: 'z' },
    });
    expect(items).toBe(list);
    expect(unseen).toBe('z');
  });

  it('takes the new state of an updated conversation', () => {
    const { items } = applyToQueue(list, {
      type: 'conversation.updated',
      payload: {
        conversationId: 'b',
        status: 'resolved',
        assigneeId: 'u1',
        teamId: 't1',
        priority: 'high',
        labels: ['vip'],
      },
    });
    expect(items[1]).toMatchObject({
      status: 'resolved',
      assigneeId: 'u1',
      teamId: 't1',
      priority: 'high',
      labels: ['vip'],
    });
  });

  it("drops a conversation that left the agent's sight", () => {
    const { items } = applyToQueue(list, { type: 'conversation.hidden', payload: { conversationId: 'a' } });
    expect(items.map((c) => c.id)).toEqual(['b', 'c']);
  });
});

describe('applyToThread', () => {
  it('sets delivery states from a receipt', () => {
    const next = applyToThread([message('m1')], 'c1', {
      type: 'message.status-changed',
      payload: { messageId: 'm1', status: 'delivered' },
    });
    expect(next?.[0].status).toBe('delivered');
  });

  it('takes a failure with its reason from conversation.updated', () => {
    const next = applyToThread([message('m1')], 'c1', {
      type: 'conversation.updated',
      payload: {
        conversationId: 'c1',
        changed: ['message'],
        messages: [
          { messageId: 'm1', status: 'failed', errorCode: '131047', errorMessage: 'Re-engagement message' },
        ],
      },
    });
    expect(next?.[0].status).toBe('failed');
    expect(next?.[0].error).toEqual({ code: '131047', message: 'Re-engagement message' });
  });

  it('asks for a reload when a message it does not have joins the conversation', () => {
    expect(
      applyToThread([message('m1')], 'c1', {
        type: 'conversation.message-added',
        payload: { conversationId: 'c1', messageId: 'm2' },
      }),
    ).toBeNull();
    const mine = [message('m1')];
    expect(
      applyToThread(mine, 'c1', {
        type: 'conversation.message-added',
        payload: { conversationId: 'other', messageId: 'x' },
      }),
    ).toBe(mine);
  });
});
