import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../i18n';
import { session } from '../session';
import ContactPanel from './ContactPanel.vue';
import type { Contact, TimelinePage } from './types';

const HOSTILE = '<img src=x onerror=alert(1)>';

function contact(over: Partial<Contact> = {}): Contact {
  return {
    id: 'c1',
    name: 'Mariana Costa',
    avatarUrl: null,
    language: null,
    country: 'BR',
    city: null,
    company: 'Acme',
    notes: null,
    stage: 'lead',
    disqualifiedReason: null,
    owner: null,
    checklist: ['budget', 'authority', 'need', 'timeline'].map((item) => ({
      item,
      checked: false,
      note: null,
      byId: null,
      byName: null,
      at: null,
    })),
    identities: [
      {
        channel: 'whatsapp',
        externalId: '5511987654321',
        inboxId: 'i1',
        name: 'Mariana Costa',
        handle: '+5511987654321',
        firstSeenAt: null,
        lastSeenAt: null,
      },
    ],
    handles: [{ kind: 'phone', value: '+5511987654321', channel: null, source: 'whatsapp' }],
    attributes: {},
    firstTouch: { channel: 'instagram', campaign: 'winter_sale', at: '2026-01-01T10:00:00Z' },
    lastTouch: { channel: 'whatsapp', campaign: null, at: '2026-01-02T10:00:00Z' },
    merges: [],
    createdAt: '2026-01-01T10:00:00Z',
    updatedAt: '2026-01-01T10:00:00Z',
    ...over,
  };
}

const TIMELINE: TimelinePage = {
  items: [
    {
      type: 'conversation',
      id: 'conv-1',
      at: '2026-01-02T10:00:00Z',
      channel: 'whatsapp',
      inboxId: 'i1',
      status: 'open',
      subject: null,
      lastMessagePreview: 'Hi!',
      assigneeId: null,
      labels: [],
      recentMessages: [
        {
          id: 'm2',
          direction: 'out',
          kind: 'note',
          private: true,
          authorName: 'Alice',
          text: 'Keep an eye on this one.',
          attachments: [],
          status: null,
          sentAt: '2026-01-02T10:01:00Z',
          createdAt: '2026-01-02T10:01:00Z',
        },
        {
          id: 'm1',
          direction: 'in',
          kind: 'message',
          private: false,
          authorName: null,
          text: `Hello ${HOSTILE}`,
          attachments: [],
          status: null,
          sentAt: '2026-01-02T10:00:00Z',
          createdAt: '2026-01-02T10:00:00Z',
        },
      ],
    },
    {
      type: 'sale',
      id: 'sale-1',
      at: '2026-01-01T12:00:00Z',
      saleId: 's1',
      orderId: 'demo-1001',
      amount: 100,
      currency: 'USD',
    },
  ],
  nextCursor: null,
  missing: [],
};

const SUGGESTIONS = {
  items: [
    {
      id: 'sug-1',
      contacts: [
        {
          id: 'c1',
          name: 'Mariana Costa',
          avatarUrl: null,
          company: 'Acme',
          stage: 'lead',
          channels: [],
          emails: [],
          phones: [],
          lastSeenAt: null,
        },
        {
          id: 'c2',
          name: 'Mariana C.',
          avatarUrl: null,
          company: null,
          stage: 'new',
          channels: ['email'],
          emails: ['mari@example.com'],
          phones: [],
          lastSeenAt: null,
        },
      ],
      confidence: 0.85,
      reasons: [{ reason: 'message-mentions-email', detail: 'mari@example.com', confidence: 0.85, at: '' }],
    },
  ],
  nextCursor: null,
};

type Route = (url: string, init: RequestInit) => { status?: number; body?: unknown } | undefined;

let calls: { url: string; method: string; body: unknown }[];

function json(status: number, body: unknown): Response {
  if (status === 204) return new Response(null, { status });
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

function stubFetch(route: Route, base: Contact = contact()) {
  calls = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const method = init.method ?? 'GET';
      calls.push({ url, method, body: init.body ? JSON.parse(String(init.body)) : undefined });
      const answer = route(url, init);
      if (answer) return json(answer.status ?? 200, answer.body);
      if (url.startsWith('/api/contacts/merge-suggestions')) return json(200, SUGGESTIONS);
      if (url.includes('/timeline')) return json(200, TIMELINE);
      if (/^\/api\/contacts\/[^/]+$/.test(url)) return json(200, base);
      return json(404, { title: 'Not found', detail: `No route ${method} ${url}` });
    }),
  );
}

function mountPanel(contactId = 'c1') {
  return mount(ContactPanel, { props: { contactId }, global: { plugins: [i18n] } });
}

function signIn(...roles: string[]) {
  session.me = { username: 'someone', workspace: 'w1', roles };
}

beforeEach(() => {
  i18n.global.locale.value = 'en';
});

afterEach(() => {
  vi.unstubAllGlobals();
  session.me = null;
});

describe('ContactPanel', () => {
  it('shows customer text as text, never as HTML', async () => {
    signIn('agent');
    stubFetch(() => undefined, contact({ name: HOSTILE, company: HOSTILE }));
    const wrapper = mountPanel();
    await flushPromises();
    expect(wrapper.get('[data-testid="contact-name"]').text()).toBe(HOSTILE);
    await wrapper.get('[data-testid="timeline-expand"]').trigger('click');
    expect(wrapper.text()).toContain(`Hello ${HOSTILE}`);
    expect(wrapper.find('img').exists()).toBe(false);
    expect(wrapper.element.querySelector('img')).toBeNull();
  });

  it('shows the stage read-only to an agent without sales', async () => {
    signIn('agent');
    stubFetch(() => undefined);
    const wrapper = mountPanel();
    await flushPromises();
    expect(wrapper.get('[data-testid="contact-stage"]').text()).toBe('Lead');
    expect(wrapper.find('[data-testid="qualify"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="disqualify"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="checklist-budget"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="merge"]').exists()).toBe(true);
  });

  it('shows identities, handles, touches and the timeline', async () => {
    signIn('agent');
    stubFetch(() => undefined);
    const wrapper = mountPanel();
    await flushPromises();
    expect(wrapper.text()).toContain('+5511987654321');
    expect(wrapper.text()).toContain('Acme · BR');
    expect(wrapper.get('[data-testid="touch-first"]').text()).toContain('Instagram');
    expect(wrapper.get('[data-testid="touch-first"]').text()).toContain('winter_sale');
    expect(wrapper.get('[data-testid="touch-last"]').text()).toContain('WhatsApp');
    expect(wrapper.text()).toContain('Purchase of $100.00');
    expect(wrapper.find('[data-testid="timeline-message"]').exists()).toBe(false);
  });

  it('expands a conversation inline, marks notes, and opens it', async () => {
    signIn('agent');
    stubFetch(() => undefined);
    const wrapper = mountPanel();
    await flushPromises();
    const expand = wrapper.get('[data-testid="timeline-expand"]');
    expect(expand.attributes('aria-expanded')).toBe('false');
    await expand.trigger('click');
    expect(expand.attributes('aria-expanded')).toBe('true');
    const note = wrapper.get('[data-testid="timeline-note"]');
    expect(note.classes()).toContain('note');
    expect(note.text()).toContain('Note');
    expect(note.text()).toContain('Keep an eye on this one.');
    const texts = wrapper.findAll('.message .text').map((m) => m.text());
    expect(texts).toEqual([`Hello ${HOSTILE}`, 'Keep an eye on this one.']);
    await wrapper.get('[data-testid="open-conversation"]').trigger('click');
    expect(wrapper.emitted('open-conversation')).toEqual([['conv-1']]);
  });

  it('lets sales disqualify only with a reason', async () => {
    signIn('sales');
    stubFetch((url, init) =>
      url === '/api/contacts/c1/stage' && init.method === 'POST'
        ? { body: contact({ stage: 'disqualified', disqualifiedReason: 'No budget' }) }
        : undefined,
    );
    const wrapper = mountPanel();
    await flushPromises();
    expect(wrapper.find('[data-testid="qualify"]').exists()).toBe(true);
    await wrapper.get('[data-testid="disqualify"]').trigger('click');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    expect(wrapper.text()).toContain('Say why the lead is disqualified.');
    await wrapper.get('[data-testid="disqualify-reason"]').setValue('No budget');
    await wrapper.get('[data-testid="stage-note"]').setValue('Maybe next year');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    const post = calls.find((c) => c.method === 'POST');
    expect(post).toEqual({
      url: '/api/contacts/c1/stage',
      method: 'POST',
      body: { stage: 'disqualified', reason: 'No budget', note: 'Maybe next year' },
    });
    expect(wrapper.get('[data-testid="contact-stage"]').text()).toBe('Disqualified');
    expect(wrapper.find('[data-testid="disqualify"]').exists()).toBe(false);
    expect(wrapper.emitted('changed')).toHaveLength(1);
  });

  it('saves a checklist item', async () => {
    signIn('admin');
    stubFetch((url, init) => {
      if (url !== '/api/contacts/c1/checklist/budget') return undefined;
      const { checked, note } = JSON.parse(String(init.body));
      const saved = contact();
      const at = '2026-01-01T10:00:00Z';
      saved.checklist[0] = { ...saved.checklist[0], checked, note, byName: 'Ada', at };
      return { body: saved };
    });
    const wrapper = mountPanel();
    await flushPromises();
    await wrapper.get('[data-testid="checklist-note-budget"]').setValue('50k');
    await flushPromises();
    const put = calls.find((c) => c.method === 'PUT');
    expect(put).toEqual({
      url: '/api/contacts/c1/checklist/budget',
      method: 'PUT',
      body: { checked: false, note: '50k' },
    });
    calls.length = 0;
    await wrapper.get('[data-testid="checklist-budget"]').setValue(true);
    await flushPromises();
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({ checked: true, note: '50k' });
    expect((wrapper.get('[data-testid="checklist-budget"]').element as HTMLInputElement).checked).toBe(true);
    expect(wrapper.text()).toContain('Ada,');
    expect(wrapper.emitted('changed')).toBeUndefined();
  });

  it('merges after a confirm, then undoes the merge', async () => {
    signIn('agent');
    const merged = contact({
      merges: [{ mergeId: 'mg-1', contactId: 'c2', name: 'Mariana C.', byName: 'Alice', mergedAt: '' }],
    });
    stubFetch((url) => {
      if (url === '/api/contacts/c1/merge') {
        return { body: { merge: { mergeId: 'mg-1' }, survivor: merged, restored: null } };
      }
      if (url === '/api/contacts/c1/unmerge') {
        return {
          body: {
            merge: { mergeId: 'mg-1' },
            survivor: contact(),
            restored: contact({ id: 'c2', name: 'Mariana C.' }),
          },
        };
      }
      return undefined;
    });
    const wrapper = mountPanel();
    await flushPromises();
    expect(wrapper.text()).toContain('A message gave this email: mari@example.com');
    await wrapper.get('[data-testid="merge"]').trigger('click');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    expect(wrapper.text()).toContain('Merge Mariana C. into this contact?');
    await wrapper.get('[data-testid="merge-confirm"]').trigger('click');
    await flushPromises();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ otherContactId: 'c2' });
    expect(wrapper.emitted('changed')).toHaveLength(1);
    await wrapper.get('[data-testid="undo-merge"]').trigger('click');
    await flushPromises();
    expect(calls.find((c) => c.url === '/api/contacts/c1/unmerge')?.body).toEqual({ mergeId: 'mg-1' });
    expect(wrapper.text()).toContain('Mariana C. stands on their own again.');
    expect(wrapper.find('[data-testid="undo-merge"]').exists()).toBe(false);
    expect(wrapper.emitted('changed')).toHaveLength(2);
  });

  it('shows the problem detail when an unmerge is refused', async () => {
    signIn('agent');
    const base = contact({
      merges: [{ mergeId: 'mg-1', contactId: 'c2', name: 'Old', byName: null, mergedAt: '' }],
    });
    stubFetch(
      (url) =>
        url === '/api/contacts/c1/unmerge'
          ? { status: 409, body: { title: 'Conflict', detail: 'Undo the later merge first.' } }
          : undefined,
      base,
    );
    const wrapper = mountPanel();
    await flushPromises();
    await wrapper.get('[data-testid="unmerge"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[role="alert"]').text()).toContain('Undo the later merge first.');
    expect(wrapper.emitted('changed')).toBeUndefined();
  });

  it('offers undo on a merge the timeline names, until an unmerge undid it', async () => {
    signIn('agent');
    const entry = {
      type: 'merge',
      id: 'a1',
      at: '2026-01-03T10:00:00Z',
      mergeId: 'mg-7',
      survivorId: 'c1',
      mergedId: 'c2',
      byId: 'u',
      byName: 'Alice',
      conflicts: [{ field: 'company', kept: 'A', discarded: 'B' }],
    };
    stubFetch((url) => {
      if (url.includes('/timeline')) return { body: { ...TIMELINE, items: [entry, ...TIMELINE.items] } };
      if (url === '/api/contacts/c1/unmerge') {
        return { body: { merge: { mergeId: 'mg-7' }, survivor: contact(), restored: contact({ id: 'c2' }) } };
      }
      return undefined;
    });
    const wrapper = mountPanel();
    await flushPromises();
    expect(wrapper.text()).toContain('Another contact was merged in');
    expect(wrapper.text()).toContain('Differing values kept aside: 1');
    await wrapper.get('[data-testid="timeline-undo-merge"]').trigger('click');
    await flushPromises();
    expect(calls.find((c) => c.url === '/api/contacts/c1/unmerge')?.body).toEqual({ mergeId: 'mg-7' });
    expect(calls.filter((c) => c.url === '/api/contacts/c1/timeline')).toHaveLength(2);
  });

  it('dismisses a suggestion', async () => {
    signIn('agent');
    stubFetch((url) =>
      url === '/api/contacts/merge-suggestions/sug-1/dismiss' ? { status: 204 } : undefined,
    );
    const wrapper = mountPanel();
    await flushPromises();
    await wrapper.get('[data-testid="dismiss"]').trigger('click');
    await flushPromises();
    expect(calls.some((c) => c.url.endsWith('/dismiss') && c.method === 'POST')).toBe(true);
    expect(wrapper.find('[data-testid="merge-suggestion"]').exists()).toBe(false);
  });

  it('shows an error with retry, and reloads when the contact changes', async () => {
    signIn('agent');
    let fail = true;
    stubFetch((url) => {
      if (url === '/api/contacts/c1' && fail) return { status: 500, body: { title: 'Boom', detail: 'Down' } };
      if (url === '/api/contacts/c9') return { body: contact({ id: 'c9', name: 'Kenji' }) };
      return undefined;
    });
    const wrapper = mountPanel();
    await flushPromises();
    expect(wrapper.text()).toContain('Something went wrong: Down');
    fail = false;
    await wrapper.get('[data-testid="contact-retry"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="contact-name"]').text()).toBe('Mariana Costa');
    await wrapper.setProps({ contactId: 'c9' });
    await flushPromises();
    expect(wrapper.get('[data-testid="contact-name"]').text()).toBe('Kenji');
    expect(calls.some((c) => c.url === '/api/contacts/c9/timeline')).toBe(true);
  });
});
