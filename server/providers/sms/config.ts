import { z } from 'zod';

/**
 * How SMS leave the server. Any string may hold `${ENV_NAME}` references, resolved when the
 * sender is created so secrets stay out of configuration files.
 */
const timeoutMs = z.number().int().positive().max(60_000);
const text = z.string().min(1);

const templateValue = z.union([z.string(), z.array(z.string())]);

/** Dot path; `*` stands for every element of an array, all of which must match. */
const answerPath = text;

/**
 * What the provider's JSON answer must hold to mean "sent": a field with a value (Vonage's
 * per-message status), or no value at a field (Plivo lists refused numbers under one).
 */
export const successCheck = z.union([
  z.strictObject({ path: answerPath, equals: z.union([z.string(), z.number(), z.boolean()]) }),
  /** Missing, null or an empty list. */
  z.strictObject({ path: answerPath, absent: z.literal(true) }),
]);

export const httpSmsConfig = z
  .strictObject({
    type: z.literal('http'),
    /** Shown in logs and as the sender's name. */
    name: text.default('http'),
    /** A template: `$ctx.num`, `$ctx.msg`, `{mobile}`, `{challenge}` are URL-encoded into it. */
    url: text,
    method: z.enum(['GET', 'POST']).default('POST'),
    headers: z.record(z.string(), z.string()).default({}),
    contentType: z.enum(['form', 'json']).default('form'),
    /** One template for the whole body, or one per form/JSON field. */
    payload: z.union([z.string(), z.record(z.string(), templateValue)]).optional(),
    /** Templates appended to the URL's query string. */
    query: z.record(z.string(), z.string()).default({}),
    successCodes: z.array(z.number().int().min(100).max(599)).min(1).default([200, 201, 202]),
    successCheck: successCheck.optional(),
    timeoutMs: timeoutMs.default(5000),
    basicAuth: z.strictObject({ username: text, password: text }).optional(),
    /**
     * A field sent only when the text has characters outside the GSM 03.38 basic set, for
     * gateways that garble those unless told (Vonage: `type=unicode`). Added to the body's
     * fields, or to the query of a GET.
     */
    unicode: z.strictObject({ field: text, value: text }).optional(),
  })
  .refine((c) => c.method === 'POST' || c.payload === undefined, {
    message: 'A GET request has no body: put the fields in `query` or the URL.',
    path: ['payload'],
  })
  .refine((c) => c.unicode === undefined || c.method === 'GET' || (c.payload !== undefined && typeof c.payload !== 'string'), {
    message: 'The unicode field needs a payload given as fields (an object), or a GET.',
    path: ['unicode'],
  });

/** `baseUrl` points a preset elsewhere (a regional endpoint, a test listener). */
const presetOptions = { baseUrl: text.optional(), timeoutMs: timeoutMs.optional() };

export const twilioSmsConfig = z
  .strictObject({
    type: z.literal('twilio'),
    accountSid: text,
    authToken: text,
    from: text.optional(),
    messagingServiceSid: text.optional(),
    ...presetOptions,
  })
  .refine((c) => (c.from === undefined) !== (c.messagingServiceSid === undefined), {
    message: 'Twilio needs exactly one of `from` and `messagingServiceSid`.',
    path: ['from'],
  });

export const vonageSmsConfig = z.strictObject({
  type: z.literal('vonage'),
  apiKey: text,
  apiSecret: text,
  from: text,
  ...presetOptions,
});

export const clickatellSmsConfig = z.strictObject({
  type: z.literal('clickatell'),
  apiKey: text,
  ...presetOptions,
});

export const plivoSmsConfig = z.strictObject({
  type: z.literal('plivo'),
  authId: text,
  authToken: text,
  from: text,
  ...presetOptions,
});

export const bulksmsSmsConfig = z.strictObject({
  type: z.literal('bulksms'),
  tokenId: text,
  tokenSecret: text,
  from: text.optional(),
  ...presetOptions,
});

/** Development only: logs a masked number and the message length. */
export const consoleSmsConfig = z.strictObject({ type: z.literal('console') });

export const smsProviderConfig = z.discriminatedUnion('type', [
  consoleSmsConfig,
  httpSmsConfig,
  twilioSmsConfig,
  vonageSmsConfig,
  clickatellSmsConfig,
  plivoSmsConfig,
  bulksmsSmsConfig,
]);

export type SmsProviderConfig = z.infer<typeof smsProviderConfig>;
export type SmsProviderConfigInput = z.input<typeof smsProviderConfig>;
export type HttpSmsConfig = z.infer<typeof httpSmsConfig>;
export type SuccessCheck = z.infer<typeof successCheck>;
export type TwilioSmsConfig = z.infer<typeof twilioSmsConfig>;
export type VonageSmsConfig = z.infer<typeof vonageSmsConfig>;
export type ClickatellSmsConfig = z.infer<typeof clickatellSmsConfig>;
export type PlivoSmsConfig = z.infer<typeof plivoSmsConfig>;
export type BulksmsSmsConfig = z.infer<typeof bulksmsSmsConfig>;
export type SmsPresetConfig = TwilioSmsConfig | VonageSmsConfig | ClickatellSmsConfig | PlivoSmsConfig | BulksmsSmsConfig;
