import type {
  BulksmsSmsConfig,
  ClickatellSmsConfig,
  HttpSmsConfig,
  PlivoSmsConfig,
  SmsPresetConfig,
  TwilioSmsConfig,
  VonageSmsConfig,
} from './config.js';

/**
 * Each provider as the generic HTTP sender sees it: only credentials are configured, the rest
 * is what the provider's public API documents. Templates use `$ctx.num` (E.164),
 * `$ctx.digits` (E.164 without the +) and `$ctx.msg`.
 */
export function expandPreset(config: SmsPresetConfig): HttpSmsConfig {
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

// Twilio REST API, Messages resource: "Create a Message resource".
function twilio(c: TwilioSmsConfig): HttpSmsConfig {
  const sender: Record<string, string> =
    c.messagingServiceSid !== undefined ? { MessagingServiceSid: c.messagingServiceSid } : { From: c.from ?? '' };
  return {
    ...common(c),
    name: 'twilio',
    url: `${base(c.baseUrl, 'https://api.twilio.com')}/2010-04-01/Accounts/${encodeURIComponent(c.accountSid)}/Messages.json`,
    contentType: 'form',
    payload: { To: '$ctx.num', ...sender, Body: '$ctx.msg' },
    basicAuth: { username: c.accountSid, password: c.authToken },
  };
}

// Vonage SMS API reference, "Send an SMS"; failures come back as HTTP 200 with a non-zero
// per-message status ("Troubleshooting SMS"). Text outside GSM-7 arrives garbled unless sent
// with `type=unicode` ("Sending an SMS with Unicode"), which costs more, so only then.
function vonage(c: VonageSmsConfig): HttpSmsConfig {
  return {
    ...common(c),
    name: 'vonage',
    url: `${base(c.baseUrl, 'https://rest.nexmo.com')}/sms/json`,
    contentType: 'form',
    payload: { api_key: c.apiKey, api_secret: c.apiSecret, from: c.from, to: '$ctx.digits', text: '$ctx.msg' },
    successCheck: { path: 'messages.*.status', equals: '0' },
    unicode: { field: 'type', value: 'unicode' },
  };
}

// Clickatell Platform REST API, "Send message": the API key is the whole Authorization header;
// each recipient is reported back with `accepted`.
function clickatell(c: ClickatellSmsConfig): HttpSmsConfig {
  return {
    ...common(c),
    name: 'clickatell',
    url: `${base(c.baseUrl, 'https://platform.clickatell.com')}/messages`,
    headers: { Authorization: c.apiKey, Accept: 'application/json' },
    contentType: 'json',
    payload: { content: '$ctx.msg', to: ['$ctx.digits'] },
    successCheck: { path: 'messages.*.accepted', equals: true },
  };
}

// Plivo Messaging API, "Send a message": numbers go without the +, which Plivo strips anyway.
function plivo(c: PlivoSmsConfig): HttpSmsConfig {
  return {
    ...common(c),
    name: 'plivo',
    url: `${base(c.baseUrl, 'https://api.plivo.com')}/v1/Account/${encodeURIComponent(c.authId)}/Message/`,
    contentType: 'json',
    payload: { src: c.from, dst: '$ctx.digits', text: '$ctx.msg' },
    basicAuth: { username: c.authId, password: c.authToken },
  };
}

// BulkSMS JSON REST API v1, "Send Messages": API token as Basic auth; auto-unicode keeps
// non-GSM text readable instead of turning it into question marks.
function bulksms(c: BulksmsSmsConfig): HttpSmsConfig {
  return {
    ...common(c),
    name: 'bulksms',
    url: `${base(c.baseUrl, 'https://api.bulksms.com')}/v1/messages`,
    query: { 'auto-unicode': 'true' },
    contentType: 'json',
    payload: { to: '$ctx.num', body: '$ctx.msg', ...(c.from !== undefined ? { from: c.from } : {}) },
    basicAuth: { username: c.tokenId, password: c.tokenSecret },
  };
}
