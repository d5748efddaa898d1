import type {
  BulksmsSmsConfig,
  ClickatellSmsConfig,
  HttpSmsConfig,
  PlivoSmsConfig,
  SmsPresetConfig,
  TwilioSmsConfig,
  VonageSmsConfig,
} from './config.js';
import type { Literals } from './literals.js';

/** A preset as the generic HTTP sender sees it, with its credentials as literal values. */
export interface ExpandedPreset {
  config: HttpSmsConfig;
  literals: Literals;
}

/**
 * Each provider as the generic HTTP sender sees it: only credentials are configured, the rest
 * is what the provider's public API documents. Templates use `$ctx.num` (E.164),
 * `$ctx.digits` (E.164 without the +) and `$ctx.msg`; credentials are `{name}` literals, so
 * one holding `&`, `"` or `{mobile}` is sent as it is.
 */
export function expandPreset(config: SmsPresetConfig): ExpandedPreset {
  switch (config.type) {
    case 'twilio':
      return twilio(config);
    case 'vonage':
      return vonage(config);
    case 'clickatell':
      return clickatell(config);
    case 'plivo':
      return plivo(config);
    case 'bulksms':
      return bulksms(config);
  }
}

function common(c: { timeoutMs?: number | undefined }) {
  return {
    type: 'http',
    method: 'POST',
    headers: {},
    query: {},
    successCodes: [200, 201, 202],
    timeoutMs: c.timeoutMs ?? 5000,
  } satisfies Partial<HttpSmsConfig>;
}

function base(configured: string | undefined, documented: string): string {
  return (configured ?? documented).replace(/\/+$/, '');
}

/** The credentials the templates reference; those not configured are left out. */
function literals(address: string, values: Record<string, string | undefined>): Literals {
  const set = Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return { base: address, values: Object.fromEntries(set) };
}

// Twilio REST API, Messages resource: "Create a Message resource".
function twilio(c: TwilioSmsConfig): ExpandedPreset {
  const sender: Record<string, string> = c.messagingServiceSid !== undefined ? { MessagingServiceSid: '{messagingServiceSid}' } : { From: '{from}' };
  return {
    config: {
      ...common(c),
      name: 'twilio',
      url: '/2010-04-01/Accounts/{accountSid}/Messages.json',
      contentType: 'form',
      payload: { To: '$ctx.num', ...sender, Body: '$ctx.msg' },
      basicAuth: { username: c.accountSid, password: c.authToken },
    },
    literals: literals(base(c.baseUrl, 'https://api.twilio.com'), {
      accountSid: c.accountSid,
      from: c.from,
      messagingServiceSid: c.messagingServiceSid,
    }),
  };
}

// Vonage SMS API reference, "Send an SMS"; failures come back as HTTP 200 with a non-zero
// per-message status ("Troubleshooting SMS"). Text outside GSM-7 arrives garbled unless sent
// with `type=unicode` ("Sending an SMS with Unicode"), which costs more, so only then.
function vonage(c: VonageSmsConfig): ExpandedPreset {
  return {
    config: {
      ...common(c),
      name: 'vonage',
      url: '/sms/json',
      contentType: 'form',
      payload: { api_key: '{apiKey}', api_secret: '{apiSecret}', from: '{from}', to: '$ctx.digits', text: '$ctx.msg' },
      successCheck: { path: 'messages.*.status', equals: '0' },
      unicode: { field: 'type', value: 'unicode' },
    },
    literals: literals(base(c.baseUrl, 'https://rest.nexmo.com'), { apiKey: c.apiKey, apiSecret: c.apiSecret, from: c.from }),
  };
}

// Clickatell Platform REST API, "Send message": the API key is the whole Authorization header;
// each recipient is reported back with `accepted`.
function clickatell(c: ClickatellSmsConfig): ExpandedPreset {
  return {
    config: {
      ...common(c),
      name: 'clickatell',
      url: '/messages',
      headers: { Authorization: c.apiKey, Accept: 'application/json' },
      contentType: 'json',
      payload: { content: '$ctx.msg', to: ['$ctx.digits'] },
      successCheck: { path: 'messages.*.accepted', equals: true },
    },
    literals: literals(base(c.baseUrl, 'https://platform.clickatell.com'), {}),
  };
}

// Plivo Messaging API, "Send a message": numbers go without the +, which Plivo strips anyway.
// A number it will not send to still gets 202 "message(s) queued", listed under `invalid_number`.
function plivo(c: PlivoSmsConfig): ExpandedPreset {
  return {
    config: {
      ...common(c),
      name: 'plivo',
      url: '/v1/Account/{authId}/Message/',
      contentType: 'json',
      payload: { src: '{from}', dst: '$ctx.digits', text: '$ctx.msg' },
      successCheck: { path: 'invalid_number', absent: true },
      basicAuth: { username: c.authId, password: c.authToken },
    },
    literals: literals(base(c.baseUrl, 'https://api.plivo.com'), { authId: c.authId, from: c.from }),
  };
}

// BulkSMS JSON REST API v1, "Send Messages": API token as Basic auth; auto-unicode keeps
// non-GSM text readable instead of turning it into question marks. The 201 answer is the list
// of messages made, each with a `status.type`: ACCEPTED for a submission it took, FAILED (e.g.
// FAILED.BLOCKED, a recipient who replied STOP) for one it will not deliver.
function bulksms(c: BulksmsSmsConfig): ExpandedPreset {
  return {
    config: {
      ...common(c),
      name: 'bulksms',
      url: '/v1/messages',
      query: { 'auto-unicode': 'true' },
      contentType: 'json',
      payload: { to: '$ctx.num', body: '$ctx.msg', ...(c.from !== undefined ? { from: '{from}' } : {}) },
      successCheck: { path: '*.status.type', equals: 'ACCEPTED' },
      basicAuth: { username: c.tokenId, password: c.tokenSecret },
    },
    literals: literals(base(c.baseUrl, 'https://api.bulksms.com'), { from: c.from }),
  };
}
