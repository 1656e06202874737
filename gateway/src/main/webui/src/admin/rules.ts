// Routing rules as conversations' /api/routing-rules takes them, and the drafts the builder edits.

export const TRIGGERS = ['conversation_opened', 'message_received', 'conversation_updated'] as const;
export const CHANNELS = ['messenger', 'instagram', 'whatsapp', 'sms', 'telegram', 'email', 'web'];
export const PRIORITIES = ['none', 'low', 'medium', 'high', 'urgent'];
export const STATUSES = ['open', 'pending', 'snoozed', 'resolved'];
export const STAGES = ['new', 'lead', 'qualified', 'customer', 'disqualified'];
export const CHANGES = ['status', 'priority', 'labels', 'assignee', 'team'];
export const AUTO_STRATEGIES = ['round_robin', 'least_loaded', 'sticky'];
export const MAX_CONDITIONS = 20;
export const MAX_ACTIONS = 10;

export interface RuleCondition {
  field: string;
  operator: string;
  value?: unknown;
}

export interface RuleAction {
  type: string;
  teamId?: string;
  strategy?: string;
  requiredSkills?: string[];
  agentId?: string;
  value?: string;
  snoozeMinutes?: number;
  until?: string;
  text?: string;
  url?: string;
}

export interface RoutingRule {
  id: string;
  name: string;
  enabled: boolean;
  order: number;
  trigger: string;
  match: 'all' | 'any';
  conditions: RuleCondition[];
  actions: RuleAction[];
  stopAfter: boolean;
  createdBy?: string;
  createdAt?: string;
  updatedAt?: string;
}

export interface RoutingRuleRequest {
  name: string;
  enabled: boolean;
  order?: number;
  trigger: string;
  match: 'all' | 'any';
  conditions: RuleCondition[];
  actions: RuleAction[];
  stopAfter: boolean;
}

const CHOICE = ['equals', 'not_equals', 'in', 'not_in'];
const TEXT = [
  'equals',
  'not_equals',
  'contains',
  'not_contains',
  'matches',
  'in',
  'not_in',
  'present',
  'absent',
];
const WORDS = ['present', 'absent', 'equals', 'not_equals', 'in', 'not_in'];

/** What a field takes: its operators, and the values it allows when it is a fixed set. */
export interface FieldSpec {
  name: string;
  operators: string[];
  choices?: string[];
  /** A flag (true/false), a number of minutes, or text. */
  kind: 'text' | 'flag' | 'number';
  /** Only on this trigger. */
  trigger?: string;
}

/** The builder's name for contact.attribute.<name>. */
export const ATTRIBUTE_FIELD = 'contact.attribute';
const ATTRIBUTE_PREFIX = 'contact.attribute.';
const ATTRIBUTE_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

export const FIELDS: FieldSpec[] = [
  { name: 'channel', operators: CHOICE, choices: CHANNELS, kind: 'text' },
  { name: 'inbox', operators: CHOICE, kind: 'text' },
  { name: 'message.text', operators: TEXT, kind: 'text' },
  { name: 'message.language', operators: CHOICE, kind: 'text' },
  { name: 'contact.stage', operators: TEXT, kind: 'text' },
  { name: ATTRIBUTE_FIELD, operators: [...TEXT, 'gt', 'lt'], kind: 'text' },
  {
    name: 'contact.first_message',
    operators: ['equals', 'not_equals'],
    choices: ['true', 'false'],
    kind: 'flag',
  },
  { name: 'label', operators: WORDS, kind: 'text' },
  { name: 'priority', operators: [...CHOICE, 'gt', 'lt'], choices: PRIORITIES, kind: 'text' },
  { name: 'status', operators: CHOICE, choices: STATUSES, kind: 'text' },
  { name: 'referral.source', operators: TEXT, kind: 'text' },
  { name: 'referral.adId', operators: TEXT, kind: 'text' },
  { name: 'referral.campaign', operators: TEXT, kind: 'text' },
  { name: 'conversation.waiting_minutes', operators: ['gt', 'lt', 'present', 'absent'], kind: 'number' },
  { name: 'business_hours', operators: CHOICE, choices: ['in', 'out'], kind: 'text' },
  {
    name: 'conversation.changed',
    operators: WORDS,
    choices: CHANGES,
    kind: 'text',
    trigger: 'conversation_updated',
  },
];

export const ACTION_TYPES = [
  'assign_team',
  'assign_strategy',
  'assign_agent',
  'set_priority',
  'add_label',
  'remove_label',
  'set_status',
  'auto_reply',
  'add_note',
  'webhook',
];

export function fieldSpec(name: string): FieldSpec | undefined {
  return FIELDS.find((f) => f.name === name);
}

/** What kind of value input a condition needs. */
export type ValueKind = 'none' | 'list' | 'number' | 'flag' | 'single';

export function valueKind(field: string, operator: string): ValueKind {
  const spec = fieldSpec(field);
  if (operator === 'present' || operator === 'absent') return 'none';
  if (operator === 'in' || operator === 'not_in') return 'list';
  if (spec?.kind === 'flag') return 'flag';
  if ((operator === 'gt' || operator === 'lt') && field !== 'priority') return 'number';
  return 'single';
}

/** A condition as the builder edits it: every value as text, lists comma-separated. */
export interface ConditionDraft {
  field: string;
  attribute: string;
  operator: string;
  value: string;
}

export interface ActionDraft {
  type: string;
  teamId: string;
  strategy: string;
  agentId: string;
  value: string;
  skills: string;
  snoozeMinutes: string;
  until: string;
  text: string;
  url: string;
}

export interface RuleDraft {
  name: string;
  enabled: boolean;
  trigger: string;
  match: 'all' | 'any';
  stopAfter: boolean;
  conditions: ConditionDraft[];
  actions: ActionDraft[];
}

export function newCondition(field = 'channel'): ConditionDraft {
  const spec = fieldSpec(field);
  return { field, attribute: '', operator: spec?.operators[0] ?? 'equals', value: '' };
}

export function newAction(type = 'assign_team'): ActionDraft {
  return {
    type,
    teamId: '',
    strategy: '',
    agentId: '',
    value: '',
    skills: '',
    snoozeMinutes: '',
    until: '',
    text: '',
    url: '',
  };
}

export function newRule(): RuleDraft {
  return {
    name: '',
    enabled: true,
    trigger: 'conversation_opened',
    match: 'all',
    stopAfter: false,
    conditions: [newCondition()],
    actions: [newAction()],
  };
}

/** Comma-separated text as a list: trimmed, without empty items. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Keeps the operator when the new field takes it, else picks the field's first. */
export function changeField(draft: ConditionDraft, field: string): ConditionDraft {
  const spec = fieldSpec(field);
  const operators = spec?.operators ?? [];
  const operator = operators.includes(draft.operator) ? draft.operator : (operators[0] ?? 'equals');
  return { field, attribute: field === ATTRIBUTE_FIELD ? draft.attribute : '', operator, value: '' };
}

export function conditionToDraft(condition: RuleCondition): ConditionDraft {
  let field = condition.field;
  let attribute = '';
  if (field.startsWith(ATTRIBUTE_PREFIX)) {
    attribute = field.slice(ATTRIBUTE_PREFIX.length);
    field = ATTRIBUTE_FIELD;
  }
  const operator = condition.operator === '>' ? 'gt' : condition.operator === '<' ? 'lt' : condition.operator;
  const raw = condition.value;
  const value = Array.isArray(raw) ? raw.join(', ') : raw === undefined || raw === null ? '' : String(raw);
  return { field, attribute, operator, value };
}

export function conditionFromDraft(draft: ConditionDraft): RuleCondition {
  const field = draft.field === ATTRIBUTE_FIELD ? ATTRIBUTE_PREFIX + draft.attribute.trim() : draft.field;
  const condition: RuleCondition = { field, operator: draft.operator };
  switch (valueKind(draft.field, draft.operator)) {
    case 'none':
      break;
    case 'list':
      condition.value = splitList(draft.value);
      break;
    case 'number':
      condition.value = Number(draft.value.trim());
      break;
    case 'flag':
      condition.value = draft.value === 'true';
      break;
    default:
      condition.value = draft.value.trim();
  }
  return condition;
}

export function actionToDraft(action: RuleAction): ActionDraft {
  return {
    ...newAction(action.type),
    teamId: action.teamId ?? '',
    strategy: action.strategy ?? '',
    agentId: action.agentId ?? '',
    value: action.value ?? '',
    skills: (action.requiredSkills ?? []).join(', '),
    snoozeMinutes:
      action.snoozeMinutes === undefined || action.snoozeMinutes === null ? '' : String(action.snoozeMinutes),
    until: action.until ?? '',
    text: action.text ?? '',
    url: action.url ?? '',
  };
}

/** Only the fields the action's type uses. */
export function actionFromDraft(draft: ActionDraft): RuleAction {
  const action: RuleAction = { type: draft.type };
  const skills = splitList(draft.skills);
  switch (draft.type) {
    case 'assign_team':
      action.teamId = draft.teamId;
      if (skills.length) action.requiredSkills = skills;
      break;
    case 'assign_strategy':
      action.teamId = draft.teamId;
      action.strategy = draft.strategy;
      if (skills.length) action.requiredSkills = skills;
      break;
    case 'assign_agent':
      action.agentId = draft.agentId;
      break;
    case 'set_priority':
    case 'add_label':
    case 'remove_label':
      action.value = draft.value.trim();
      break;
    case 'set_status':
      action.value = draft.value;
      if (draft.value === 'snoozed') {
        if (draft.until === 'business_hours') action.until = 'business_hours';
        else action.snoozeMinutes = Number(draft.snoozeMinutes);
      }
      break;
    case 'auto_reply':
    case 'add_note':
      action.text = draft.text;
      break;
    case 'webhook':
      action.url = draft.url.trim();
      break;
  }
  return action;
}

export function ruleToDraft(rule: RoutingRule): RuleDraft {
  return {
    name: rule.name,
    enabled: rule.enabled,
    trigger: rule.trigger,
    match: rule.match === 'any' ? 'any' : 'all',
    stopAfter: rule.stopAfter,
    conditions: rule.conditions.map(conditionToDraft),
    actions: rule.actions.map(actionToDraft),
  };
}

export function ruleFromDraft(draft: RuleDraft, order?: number): RoutingRuleRequest {
  const request: RoutingRuleRequest = {
    name: draft.name.trim(),
    enabled: draft.enabled,
    trigger: draft.trigger,
    match: draft.match,
    conditions: draft.conditions.map(conditionFromDraft),
    actions: draft.actions.map(actionFromDraft),
    stopAfter: draft.stopAfter,
  };
  if (order !== undefined) request.order = order;
  return request;
}

/** The request that replaces a stored rule with itself, changed by `changes` (a toggle, a move). */
export function ruleRequest(
  rule: RoutingRule,
  changes: Partial<RoutingRuleRequest> = {},
): RoutingRuleRequest {
  return {
    name: rule.name,
    enabled: rule.enabled,
    trigger: rule.trigger,
    match: rule.match,
    conditions: rule.conditions,
    actions: rule.actions,
    stopAfter: rule.stopAfter,
    ...changes,
  };
}

/** A problem of a draft: where (as the API names it, `conditions[1].value`) and its message key. */
export interface DraftProblem {
  path: string;
  key: string;
  params?: Record<string, string | number>;
}

const LABEL = /^[\p{L}\p{N}][\p{L}\p{N} _.-]{0,49}$/u;

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function checkCondition(c: ConditionDraft, trigger: string, path: string, out: DraftProblem[]) {
  const spec = fieldSpec(c.field);
  if (!spec) {
    out.push({ path: `${path}.field`, key: 'unknownField' });
    return;
  }
  if (spec.trigger && spec.trigger !== trigger) {
    out.push({ path: `${path}.field`, key: 'fieldTrigger', params: { trigger: spec.trigger } });
  }
  if (c.field === ATTRIBUTE_FIELD && !ATTRIBUTE_NAME.test(c.attribute.trim())) {
    out.push({ path: `${path}.field`, key: 'attributeName' });
  }
  if (!spec.operators.includes(c.operator)) {
    out.push({ path: `${path}.operator`, key: 'operator' });
    return;
  }
  const kind = valueKind(c.field, c.operator);
  const value = c.value.trim();
  if (kind === 'none') return;
  if (kind === 'list') {
    const items = splitList(c.value);
    if (!items.length) out.push({ path: `${path}.value`, key: 'valueRequired' });
    else if (spec.choices && items.some((i) => !spec.choices!.includes(i))) {
      out.push({ path: `${path}.value`, key: 'valueChoice' });
    }
    return;
  }
  if (!value) {
    out.push({ path: `${path}.value`, key: 'valueRequired' });
    return;
  }
  if (kind === 'number' && !Number.isFinite(Number(value))) {
    out.push({ path: `${path}.value`, key: 'valueNumber' });
  } else if (kind !== 'number' && spec.choices && !spec.choices.includes(value)) {
    out.push({ path: `${path}.value`, key: 'valueChoice' });
  } else if (c.operator === 'matches') {
    try {
      new RegExp(value);
    } catch {
      out.push({ path: `${path}.value`, key: 'valuePattern' });
    }
  }
}

function checkAction(a: ActionDraft, path: string, out: DraftProblem[]) {
  switch (a.type) {
    case 'assign_strategy':
      if (!AUTO_STRATEGIES.includes(a.strategy)) out.push({ path: `${path}.strategy`, key: 'strategy' });
    // falls through: a team is needed as well
    case 'assign_team':
      if (!a.teamId) out.push({ path: `${path}.teamId`, key: 'teamRequired' });
      break;
    case 'assign_agent':
      if (!a.agentId) out.push({ path: `${path}.agentId`, key: 'agentRequired' });
      break;
    case 'set_priority':
      if (!PRIORITIES.includes(a.value)) out.push({ path: `${path}.value`, key: 'valueChoice' });
      break;
    case 'add_label':
    case 'remove_label':
      if (!LABEL.test(a.value.trim())) out.push({ path: `${path}.value`, key: 'label' });
      break;
    case 'set_status':
      if (!STATUSES.includes(a.value)) out.push({ path: `${path}.value`, key: 'valueChoice' });
      else if (a.value === 'snoozed' && a.until !== 'business_hours') {
        const minutes = Number(a.snoozeMinutes);
        if (!a.snoozeMinutes.trim() || !Number.isInteger(minutes) || minutes < 1) {
          out.push({ path: `${path}.snoozeMinutes`, key: 'snoozeMinutes' });
        }
      }
      break;
    case 'auto_reply':
    case 'add_note':
      if (!a.text.trim()) out.push({ path: `${path}.text`, key: 'textRequired' });
      break;
    case 'webhook':
      if (!isHttpUrl(a.url.trim())) out.push({ path: `${path}.url`, key: 'url' });
      break;
    default:
      out.push({ path: `${path}.type`, key: 'unknownAction' });
  }
}

/** What the API would refuse in a draft, checked before sending it (the API checks again). */
export function validateRule(draft: RuleDraft): DraftProblem[] {
  const out: DraftProblem[] = [];
  const name = draft.name.trim();
  if (!name) out.push({ path: 'name', key: 'nameRequired' });
  else if (name.length > 100) out.push({ path: 'name', key: 'nameLength' });
  if (!(TRIGGERS as readonly string[]).includes(draft.trigger)) out.push({ path: 'trigger', key: 'trigger' });
  if (draft.conditions.length > MAX_CONDITIONS) {
    out.push({ path: 'conditions', key: 'tooManyConditions', params: { max: MAX_CONDITIONS } });
  }
  if (draft.actions.length < 1) out.push({ path: 'actions', key: 'noActions' });
  if (draft.actions.length > MAX_ACTIONS) {
    out.push({ path: 'actions', key: 'tooManyActions', params: { max: MAX_ACTIONS } });
  }
  draft.conditions.forEach((c, i) => checkCondition(c, draft.trigger, `conditions[${i}]`, out));
  draft.actions.forEach((a, i) => checkAction(a, `actions[${i}]`, out));
  return out;
}

/** The list with the item at `from` moved to `to` (both indexes of the original list). */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const copy = [...list];
  if (from < 0 || from >= copy.length) return copy;
  const target = Math.max(0, Math.min(to, copy.length - 1));
  const [item] = copy.splice(from, 1);
  copy.splice(target, 0, item);
  return copy;
}

/**
 * The `order` to PUT so the rule at `from` lands at index `to`: the API takes a rule's place from 1
 * and renumbers the others. Null when nothing moves.
 */
export function orderForMove(length: number, from: number, to: number): number | null {
  if (from < 0 || from >= length) return null;
  const target = Math.max(0, Math.min(to, length - 1));
  return target === from ? null : target + 1;
}

/** Rules sorted by their order. */
export function sortRules(rules: readonly RoutingRule[]): RoutingRule[] {
  return [...rules].sort((a, b) => a.order - b.order);
}

/** The value of a stored action worth showing next to its type (a name from `names` for ids). */
export function actionTarget(action: RuleAction, names: Record<string, string> = {}): string {
  switch (action.type) {
    case 'assign_team':
    case 'assign_strategy': {
      const team = action.teamId ? (names[action.teamId] ?? action.teamId) : '';
      return action.strategy ? `${team} (${action.strategy})` : team;
    }
    case 'assign_agent':
      return action.agentId ? (names[action.agentId] ?? action.agentId) : '';
    case 'set_status':
      if (action.value === 'snoozed') {
        return action.until ? `snoozed: ${action.until}` : `snoozed: ${action.snoozeMinutes ?? ''} min`;
      }
      return action.value ?? '';
    case 'auto_reply':
    case 'add_note':
      return action.text ?? '';
    case 'webhook':
      return action.url ?? '';
    default:
      return action.value ?? '';
  }
}
