import { describe, expect, it } from 'vitest';
import {
  actionFromDraft,
  conditionFromDraft,
  conditionToDraft,
  changeField,
  moveItem,
  newAction,
  newCondition,
  newRule,
  orderForMove,
  ruleFromDraft,
  ruleRequest,
  ruleToDraft,
  validateRule,
  valueKind,
  type RoutingRule,
  type RuleDraft,
} from './rules';

const stored: RoutingRule = {
  id: 'r1',
  name: 'Ad leads',
  enabled: true,
  order: 2,
  trigger: 'conversation_opened',
  match: 'any',
  conditions: [
    { field: 'channel', operator: 'in', value: ['whatsapp', 'instagram'] },
    { field: 'contact.attribute.plan', operator: 'gt', value: 3 },
    { field: 'label', operator: 'present' },
  ],
  actions: [{ type: 'assign_team', teamId: 't1', requiredSkills: ['spanish'] }],
  stopAfter: true,
};

describe('conditions', () => {
  it('picks the value input by field and operator', () => {
    expect(valueKind('label', 'present')).toBe('none');
    expect(valueKind('channel', 'in')).toBe('list');
    expect(valueKind('conversation.waiting_minutes', 'gt')).toBe('number');
    expect(valueKind('priority', 'gt')).toBe('single');
    expect(valueKind('contact.first_message', 'equals')).toBe('flag');
  });
  it('builds the API values: lists, numbers, flags, none', () => {
    expect(
      conditionFromDraft({ field: 'channel', attribute: '', operator: 'in', value: 'sms, , web ' }),
    ).toEqual({ field: 'channel', operator: 'in', value: ['sms', 'web'] });
    expect(
      conditionFromDraft({ field: 'contact.attribute', attribute: 'seats', operator: 'gt', value: '10' }),
    ).toEqual({ field: 'contact.attribute.seats', operator: 'gt', value: 10 });
    expect(
      conditionFromDraft({
        field: 'contact.first_message',
        attribute: '',
        operator: 'equals',
        value: 'false',
      }),
    ).toEqual({ field: 'contact.first_message', operator: 'equals', value: false });
    expect(conditionFromDraft({ field: 'label', attribute: '', operator: 'absent', value: 'x' })).toEqual({
      field: 'label',
      operator: 'absent',
    });
  });
  it('reads stored conditions back, symbols as operator names', () => {
    expect(conditionToDraft({ field: 'contact.attribute.plan', operator: '>', value: 3 })).toEqual({
      field: 'contact.attribute',
      attribute: 'plan',
      operator: 'gt',
      value: '3',
    });
    expect(conditionToDraft({ field: 'channel', operator: 'in', value: ['sms', 'web'] }).value).toBe(
      'sms, web',
    );
  });
  it('keeps an operator the new field takes and drops one it does not', () => {
    expect(changeField({ ...newCondition('message.text'), operator: 'in' }, 'channel').operator).toBe('in');
    expect(changeField({ ...newCondition('message.text'), operator: 'contains' }, 'channel').operator).toBe(
      'equals',
    );
  });
  it('round-trips a stored rule through the builder', () => {
    const request = ruleFromDraft(ruleToDraft(stored));
    expect(request).toEqual({
      name: 'Ad leads',
      enabled: true,
      trigger: 'conversation_opened',
      match: 'any',
      conditions: stored.conditions,
      actions: stored.actions,
      stopAfter: true,
    });
    expect(request).not.toHaveProperty('order');
  });
});

describe('actions', () => {
  it('sends only the fields of the type', () => {
    const draft = { ...newAction('set_priority'), value: 'high', teamId: 'stale', text: 'stale' };
    expect(actionFromDraft(draft)).toEqual({ type: 'set_priority', value: 'high' });
  });
  it('snoozes for minutes or until business hours', () => {
    const base = { ...newAction('set_status'), value: 'snoozed' };
    expect(actionFromDraft({ ...base, snoozeMinutes: '30' })).toEqual({
      type: 'set_status',
      value: 'snoozed',
      snoozeMinutes: 30,
    });
    expect(actionFromDraft({ ...base, until: 'business_hours', snoozeMinutes: '30' })).toEqual({
      type: 'set_status',
      value: 'snoozed',
      until: 'business_hours',
    });
  });
});

describe('validation', () => {
  it('accepts a complete rule', () => {
    const rule = newRule();
    rule.name = 'WhatsApp';
    rule.conditions[0].value = 'whatsapp';
    rule.actions[0].teamId = 't1';
    expect(validateRule(rule)).toEqual([]);
  });
  it('names each problem as the API would', () => {
    const rule = newRule();
    rule.conditions = [
      { field: 'channel', attribute: '', operator: 'contains', value: 'x' },
      { field: 'channel', attribute: '', operator: 'equals', value: 'fax' },
      { field: 'conversation.waiting_minutes', attribute: '', operator: 'gt', value: 'ten' },
      { field: 'conversation.changed', attribute: '', operator: 'in', value: 'status' },
      { field: 'contact.attribute', attribute: '9bad', operator: 'present', value: '' },
      { field: 'message.text', attribute: '', operator: 'matches', value: '(' },
    ];
    rule.actions = [
      newAction('assign_strategy'),
      { ...newAction('webhook'), url: 'ftp://x' },
      { ...newAction('add_label'), value: '-nope' },
      { ...newAction('set_status'), value: 'snoozed', snoozeMinutes: '0' },
    ];
    const paths = validateRule(rule).map((p) => `${p.path}:${p.key}`);
    expect(paths).toEqual([
      'name:nameRequired',
      'conditions[0].operator:operator',
      'conditions[1].value:valueChoice',
      'conditions[2].value:valueNumber',
      'conditions[3].field:fieldTrigger',
      'conditions[4].field:attributeName',
      'conditions[5].value:valuePattern',
      'actions[0].strategy:strategy',
      'actions[0].teamId:teamRequired',
      'actions[1].url:url',
      'actions[2].value:label',
      'actions[3].snoozeMinutes:snoozeMinutes',
    ]);
  });
  it('needs one to ten actions', () => {
    const rule: RuleDraft = { ...newRule(), name: 'x', conditions: [], actions: [] };
    expect(validateRule(rule).map((p) => p.key)).toEqual(['noActions']);
    rule.actions = Array.from({ length: 11 }, () => ({ ...newAction('add_label'), value: 'vip' }));
    expect(validateRule(rule).map((p) => p.key)).toEqual(['tooManyActions']);
  });
});

describe('reordering', () => {
  it('moves an item down and up', () => {
    expect(moveItem(['a', 'b', 'c', 'd'], 0, 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(moveItem(['a', 'b', 'c', 'd'], 3, 1)).toEqual(['a', 'd', 'b', 'c']);
    expect(moveItem(['a', 'b'], 1, 5)).toEqual(['a', 'b']);
  });
  it('answers the 1-based order to PUT, or null when nothing moves', () => {
    expect(orderForMove(4, 0, 2)).toBe(3);
    expect(orderForMove(4, 3, 0)).toBe(1);
    expect(orderForMove(4, 2, 2)).toBeNull();
    expect(orderForMove(4, 0, -1)).toBeNull();
    expect(orderForMove(4, 3, 9)).toBeNull();
  });
  it('replaces a rule with itself, changing only what is asked', () => {
    const body = ruleRequest(stored, { order: 1 });
    expect(body.order).toBe(1);
    expect(body.conditions).toBe(stored.conditions);
    expect(body).not.toHaveProperty('id');
    expect(ruleRequest(stored, { enabled: false })).not.toHaveProperty('order');
  });
});
