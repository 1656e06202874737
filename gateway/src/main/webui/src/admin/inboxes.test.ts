import { describe, expect, it } from 'vitest';
import {
  channelKey,
  connectionValues,
  embedSnippet,
  formValues,
  inboxRequest,
  missingFields,
  webhookWarning,
} from './inboxes';

describe('inbox requests', () => {
  it('leaves empty fields out, so a change keeps stored credentials', () => {
    expect(
      inboxRequest(' Shop ', 'whatsapp', { phoneNumberId: ' 123 ', accessToken: '', appSecret: 's3' }),
    ).toEqual({ name: 'Shop', channel: 'whatsapp', phoneNumberId: '123', appSecret: 's3' });
  });
  it('nests mail servers with a host, numbers as numbers', () => {
    const body = inboxRequest('Mail', 'email', {
      address: 'help@acme.test',
      inboundSecret: 'x'.repeat(16),
      'imap.host': 'imap.acme.test',
      'imap.port': '993',
      'imap.tls': true,
      'smtp.port': '587',
    });
    expect(body.imap).toEqual({ host: 'imap.acme.test', port: 993, tls: true });
    expect(body).not.toHaveProperty('smtp');
  });
  it('splits allowed origins by line or comma', () => {
    expect(
      inboxRequest('Web', 'web', { allowedOrigins: 'https://a.test\n https://b.test, ' }).allowedOrigins,
    ).toEqual(['https://a.test', 'https://b.test']);
  });
  it('lists missing fields, credentials only for a new inbox', () => {
    expect(missingFields('sms', { accountSid: 'AC1' })).toEqual(['authToken', 'phoneNumber']);
    expect(missingFields('sms', { accountSid: 'AC1', phoneNumber: '+1' }, true)).toEqual([]);
    expect(missingFields('instagram', { accessToken: 'a', appSecret: 'b' })).toEqual(['instagramAccountId']);
    expect(missingFields('instagram', { pageId: '1', accessToken: 'a', appSecret: 'b' })).toEqual([]);
  });
  it('never fills a credential into the edit form', () => {
    const values = formValues({
      id: 'i',
      name: 'SMS',
      channel: 'sms',
      accountSid: 'AC1',
      phoneNumber: '+15555550100',
      credentialsSet: ['authToken'],
    });
    expect(values).toEqual({ accountSid: 'AC1', authToken: '', phoneNumber: '+15555550100' });
  });
});

describe('connection values', () => {
  it('shows webhook URL and verify token for Meta channels', () => {
    expect(
      connectionValues({
        id: 'i',
        name: 'IG',
        channel: 'instagram',
        webhookUrl: 'https://t/w',
        verifyToken: 'v',
      }),
    ).toEqual([
      { key: 'webhookUrl', value: 'https://t/w' },
      { key: 'verifyToken', value: 'v' },
    ]);
  });
  it('gives the website an embed snippet, escaped', () => {
    const values = connectionValues({
      id: 'i',
      name: 'Web',
      channel: 'web',
      siteKey: 'site_1',
      widgetUrl: 'https://t/widget.js',
    });
    expect(values.map((v) => v.key)).toEqual(['siteKey', 'widgetUrl', 'embed']);
    expect(values[2].value).toBe('<script src="https://t/widget.js" data-site-key="site_1" async></script>');
    expect(embedSnippet('https://t/"x', 'k')).toContain('src="https://t/&quot;x"');
  });
  it('warns about webhook URLs a platform cannot call', () => {
    expect(webhookWarning('http://127.0.0.1:8080/webhooks/x')).toBe('local');
    expect(webhookWarning('https://localhost/webhooks/x')).toBe('local');
    expect(webhookWarning('http://tutti.example/webhooks/x')).toBe('notHttps');
    expect(webhookWarning('https://tutti.example/webhooks/x')).toBeNull();
    expect(webhookWarning(undefined)).toBeNull();
  });
  it('names the website chat by its common key', () => {
    expect(channelKey('web')).toBe('channel.web');
    expect(channelKey('sms')).toBe('channel.sms');
  });
});
