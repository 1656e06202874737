import { describe, expect, it } from 'vitest';
import { dryRunRequest, newDryRun, parseAttributes } from './dryrun';

describe('dry run', () => {
  it('sends only what was filled in', () => {
    expect(dryRunRequest({ ...newDryRun(), channel: 'sms', text: 'price?' })).toEqual({
      channel: 'sms',
      trigger: 'conversation_opened',
      text: 'price?',
      contact: { firstMessage: true },
    });
  });
  it('adds contact, referral, conversation and changes on updates', () => {
    const body = dryRunRequest({
      ...newDryRun(),
      trigger: 'conversation_updated',
      stage: 'lead',
      attributes: 'plan=pro\nseats=12\nbad line\nvip=true',
      referralSource: 'ad',
      labels: 'vip, urgent',
      waitingMinutes: '0',
      changed: ['status'],
    });
    expect(body.contact).toEqual({
      firstMessage: true,
      stage: 'lead',
      attributes: { plan: 'pro', seats: 12, vip: true },
    });
    expect(body.referral).toEqual({ source: 'ad' });
    expect(body.labels).toEqual(['vip', 'urgent']);
    expect(body.waitingMinutes).toBe(0);
    expect(body.changed).toEqual(['status']);
  });
  it('drops changes on other triggers', () => {
    expect(dryRunRequest({ ...newDryRun(), changed: ['status'] })).not.toHaveProperty('changed');
  });
  it('parses attributes with = in the value', () => {
    expect(parseAttributes('url=a=b')).toEqual({ url: 'a=b' });
  });
});
