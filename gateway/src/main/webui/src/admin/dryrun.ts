// The dry run's form and the request POST /api/routing-rules/dry-run takes from it.
import { splitList, type RuleAction } from './rules';

export interface DryRunForm {
  trigger: string;
  channel: string;
  inboxId: string;
  text: string;
  stage: string;
  firstMessage: boolean;
  /** One `name=value` a line. */
  attributes: string;
  referralSource: string;
  referralAdId: string;
  referralCampaign: string;
  labels: string;
  priority: string;
  status: string;
  waitingMinutes: string;
  changed: string[];
}

export interface DryRunResult {
  trigger: string;
  language: string;
  matched: { id: string; name: string; order: number; actions: RuleAction[]; stopAfter: boolean }[];
  stoppedAfter: { id: string; name: string } | null;
}

export function newDryRun(): DryRunForm {
  return {
    trigger: 'conversation_opened',
    channel: 'whatsapp',
    inboxId: '',
    text: '',
    stage: '',
    firstMessage: true,
    attributes: '',
    referralSource: '',
    referralAdId: '',
    referralCampaign: '',
    labels: '',
    priority: '',
    status: '',
    waitingMinutes: '',
    changed: [],
  };
}

/** `plan=pro` lines as attributes; numbers and true/false as such, other values as text. */
export function parseAttributes(text: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf('=');
    if (at <= 0) continue;
    const name = line.slice(0, at).trim();
    const raw = line.slice(at + 1).trim();
    if (!name) continue;
    if (raw === 'true' || raw === 'false') out[name] = raw === 'true';
    else if (raw !== '' && Number.isFinite(Number(raw))) out[name] = Number(raw);
    else out[name] = raw;
  }
  return out;
}

/** The request: only what was filled in, so the API's defaults apply to the rest. */
export function dryRunRequest(form: DryRunForm): Record<string, unknown> {
  const body: Record<string, unknown> = { channel: form.channel, trigger: form.trigger, text: form.text };
  if (form.inboxId) body.inboxId = form.inboxId;
  const attributes = parseAttributes(form.attributes);
  const contact: Record<string, unknown> = { firstMessage: form.firstMessage };
  if (form.stage.trim()) contact.stage = form.stage.trim();
  if (Object.keys(attributes).length) contact.attributes = attributes;
  body.contact = contact;
  const referral: Record<string, string> = {};
  if (form.referralSource.trim()) referral.source = form.referralSource.trim();
  if (form.referralAdId.trim()) referral.adId = form.referralAdId.trim();
  if (form.referralCampaign.trim()) referral.campaign = form.referralCampaign.trim();
  if (Object.keys(referral).length) body.referral = referral;
  const labels = splitList(form.labels);
  if (labels.length) body.labels = labels;
  if (form.priority) body.priority = form.priority;
  if (form.status) body.status = form.status;
  if (form.waitingMinutes.trim() !== '') body.waitingMinutes = Number(form.waitingMinutes);
  if (form.trigger === 'conversation_updated' && form.changed.length) body.changed = [...form.changed];
  return body;
}
