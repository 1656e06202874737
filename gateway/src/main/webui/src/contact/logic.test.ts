import { describe, expect, it } from 'vitest';
import { ApiError } from '../api';
import {
  dayLabel,
  groupByDay,
  initial,
  mergeIdToUndo,
  money,
  otherContact,
  percent,
  permissions,
  problemText,
  readingOrder,
  stageActions,
  stageRequest,
  stageTone,
  subtitle,
  undoableMerges,
} from './logic';
import type { MergeEntry, Suggestion, TimelineMessage } from './types';

function mergeEntry(over: Partial<MergeEntry>): MergeEntry {
  return {
    type: 'merge',
    id: 'e1',
    at: '2026-01-02T10:00:00Z',
    mergeId: 'm1',
    survivorId: 'c1',
    mergedId: 'c2',
    byId: 'u1',
    byName: 'Ada',
    conflicts: [],
    ...over,
  };
}

function message(id: string, sentAt: string | null, createdAt: string | null = null): TimelineMessage {
  return {
    id,
    direction: 'in',
    kind: 'message',
    private: false,
    authorName: null,
    text: id,
    attachments: [],
    status: null,
    sentAt,
    createdAt,
  };
}

describe('permissions', () => {
  it('lets sales and admins change the stage, and every role merge', () => {
    expect(permissions(['agent'])).toEqual({ changeStage: false, merge: true });
    expect(permissions(['sales'])).toEqual({ changeStage: true, merge: true });
    expect(permissions(['admin'])).toEqual({ changeStage: true, merge: true });
    expect(permissions(['agent', 'sales'])).toEqual({ changeStage: true, merge: true });
  });
  it('gives nothing without a session', () => {
    expect(permissions(null)).toEqual({ changeStage: false, merge: false });
    expect(permissions([])).toEqual({ changeStage: false, merge: false });
  });
});

describe('stageActions', () => {
  it('offers both moves to new contacts and leads', () => {
    expect(stageActions('new')).toEqual(['qualify', 'disqualify']);
    expect(stageActions('lead')).toEqual(['qualify', 'disqualify']);
  });
  it('offers only the other decision once decided', () => {
    expect(stageActions('qualified')).toEqual(['disqualify']);
    expect(stageActions('disqualified')).toEqual(['qualify']);
  });
  it('offers nothing for a customer', () => {
    expect(stageActions('customer')).toEqual([]);
  });
});

describe('stageRequest', () => {
  it('requires a reason to disqualify', () => {
    expect(stageRequest('disqualify', '  ', 'note')).toEqual({ missing: 'reason' });
  });
  it('trims reason and note and leaves blanks out', () => {
    expect(stageRequest('disqualify', ' no budget ', ' call in May ')).toEqual({
      stage: 'disqualified',
      reason: 'no budget',
      note: 'call in May',
    });
    expect(stageRequest('qualify', 'ignored', '')).toEqual({ stage: 'qualified' });
    expect(stageRequest('qualify', '', ' ready ')).toEqual({ stage: 'qualified', note: 'ready' });
  });
});

describe('display helpers', () => {
  it('tones the stage badge', () => {
    expect(stageTone('customer')).toBe('ok');
    expect(stageTone('disqualified')).toBe('danger');
    expect(stageTone('lead')).toBe('warn');
    expect(stageTone('new')).toBe('');
  });
  it('takes the first letter, whole characters included', () => {
    expect(initial('mia Rossi')).toBe('M');
    expect(initial('  ')).toBe('?');
    expect(initial(null, '#')).toBe('#');
    expect(initial('😀 Smile')).toBe('😀');
    expect(initial('山田')).toBe('山');
  });
  it('joins company and place as far as known', () => {
    expect(subtitle({ company: 'Acme', city: 'Osaka', country: 'JP' })).toBe('Acme · Osaka, JP');
    expect(subtitle({ company: null, city: null, country: 'BR' })).toBe('BR');
    expect(subtitle({ company: ' ', city: null, country: null })).toBe('');
  });
  it('formats money and percentages', () => {
    expect(money(100, 'USD', 'en')).toBe('$100.00');
    expect(money('12.5', null, 'en')).toBe('12.5');
    expect(money(5, 'NOTACURRENCY', 'en')).toBe('5 NOTACURRENCY');
    expect(money(null, 'USD', 'en')).toBe('');
    expect(percent(0.845)).toBe(85);
    expect(percent('0.6')).toBe(60);
    expect(percent(undefined)).toBe(0);
  });
});

describe('timeline', () => {
  it('groups newest-first entries by local day, keeping their order', () => {
    const at = (d: number, h: number) => new Date(2026, 0, d, h).toISOString();
    const groups = groupByDay([
      { id: 'a', at: at(3, 18) },
      { id: 'b', at: at(3, 9) },
      { id: 'c', at: at(1, 12) },
    ]);
    expect(groups.map((g) => g.day)).toEqual(['2026-01-03', '2026-01-01']);
    expect(groups[0].items.map((i) => i.id)).toEqual(['a', 'b']);
    expect(groups[1].items.map((i) => i.id)).toEqual(['c']);
  });
  it('names today and yesterday, and dates otherwise', () => {
    const now = new Date(2026, 2, 10, 12);
    expect(dayLabel('2026-03-10', now, 'en')).toEqual({ key: 'today' });
    expect(dayLabel('2026-03-09', now, 'en')).toEqual({ key: 'yesterday' });
    expect(dayLabel('2026-03-01', now, 'en')).toEqual({ text: 'Mar 1' });
    expect(dayLabel('2025-12-24', now, 'en')).toEqual({ text: 'Dec 24, 2025' });
  });
  it('reads recent messages oldest first, falling back to createdAt', () => {
    const order = readingOrder([
      message('third', '2026-01-01T10:02:00Z'),
      message('second', null, '2026-01-01T10:01:00Z'),
      message('first', '2026-01-01T10:00:00Z'),
    ]).map((m) => m.id);
    expect(order).toEqual(['first', 'second', 'third']);
    expect(readingOrder(null)).toEqual([]);
  });
});

describe('undoableMerges', () => {
  const contact = {
    id: 'c1',
    merges: [
      { mergeId: 'm0', contactId: 'c0', name: 'Old', byName: 'Ada', mergedAt: '2026-01-01T00:00:00Z' },
    ],
  };

  it("lists the contact's merges and the timeline's merges into it", () => {
    const list = undoableMerges(contact, [mergeEntry({ mergeId: 'm1', mergedId: 'c2' })]);
    expect(list.map((m) => [m.mergeId, m.contactId, m.name])).toEqual([
      ['m0', 'c0', 'Old'],
      ['m1', 'c2', null],
    ]);
  });
  it('leaves out merges an unmerge undid and merges into another contact', () => {
    const list = undoableMerges(contact, [
      mergeEntry({ type: 'unmerge', id: 'e2', mergeId: 'm0' }),
      mergeEntry({ mergeId: 'm2', survivorId: 'other', mergedId: 'c1' }),
    ]);
    expect(list).toEqual([]);
  });
  it('does not repeat a merge both sources know', () => {
    const list = undoableMerges(contact, [mergeEntry({ mergeId: 'm0', mergedId: 'c0' })]);
    expect(list).toHaveLength(1);
    expect(list[0].name).toBe('Old');
  });
  it('answers nothing without a contact', () => {
    expect(undoableMerges(null, [mergeEntry({})])).toEqual([]);
  });
  it('offers undo on a timeline merge only while it is in force', () => {
    const undoable = undoableMerges(contact, []);
    expect(mergeIdToUndo(mergeEntry({ mergeId: 'm0' }), undoable)).toBe('m0');
    expect(mergeIdToUndo(mergeEntry({ mergeId: 'm9' }), undoable)).toBeNull();
    expect(mergeIdToUndo(mergeEntry({ type: 'unmerge', mergeId: 'm0' }), undoable)).toBeNull();
    expect(mergeIdToUndo({ type: 'sale', id: 's', at: '' }, undoable)).toBeNull();
  });
});

describe('otherContact', () => {
  it('picks the contact that is not the one shown', () => {
    const summary = (id: string) => ({
      id,
      name: id,
      avatarUrl: null,
      company: null,
      stage: 'new',
      channels: [],
      emails: [],
      phones: [],
      lastSeenAt: null,
    });
    const s: Suggestion = { id: 's1', contacts: [summary('a'), summary('b')], confidence: 0.8, reasons: [] };
    expect(otherContact(s, 'a')?.id).toBe('b');
    expect(otherContact(s, 'b')?.id).toBe('a');
  });
});

describe('problemText', () => {
  it('prefers the problem detail, then field errors, then the title', () => {
    expect(problemText(new ApiError(409, 'Already unmerged', 'Merge m1 was undone.'))).toBe(
      'Merge m1 was undone.',
    );
    const body = { errors: [{ field: 'reason', message: 'is required' }] };
    expect(problemText(new ApiError(400, 'Invalid', undefined, body))).toBe('reason is required');
    expect(problemText(new ApiError(404, 'Not found'))).toBe('Not found');
    expect(problemText(new Error('boom'))).toBe('boom');
  });
});
