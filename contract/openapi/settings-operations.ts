import type { z } from 'zod';
import { STEP_UP_REFUSED, type SettingsAction, type SettingsError } from '../me/action.js';
import { ME } from '../paths.js';
import { settingsActionList } from '../settings-actions.js';
import { errorAnswer, json, noStoreAnswer, responseRef, type Json, type PathItems } from './refs.js';
import { componentSchemas } from './schemas.js';

const pascal = (s: string) => `${s[0]!.toUpperCase()}${s.slice(1)}`;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const names = new Map(Object.entries(componentSchemas).map(([name, schema]): [z.ZodType, string] => [schema, name]));

/** The bodies and answers of the table that componentSchemas does not name, each named after the first operation using it. */
export const settingsSchemas: Record<string, z.ZodType> = {};
for (const a of settingsActionList()) {
  for (const [schema, suffix] of [
    [a.kind === 'change' ? a.body : undefined, 'Request'],
    [a.answer?.schema, 'Answer'],
  ] as const) {
    if (!schema || names.has(schema)) continue;
    names.set(schema, `${pascal(a.operationId)}${suffix}`);
    settingsSchemas[names.get(schema)!] = schema;
  }
}
const refTo = (schema: z.ZodType) => ref(names.get(schema)!);

function answerOf(error: SettingsError): Json {
  if (typeof error === 'string') return responseRef(error);
  const [description, ...codes] = error;
  return errorAnswer(description, ...codes);
}

/** What every change answers unless its table says otherwise; a read states its own 401. */
const defaults = (change: boolean): Partial<Record<number, SettingsError>> => ({
  400: [
    'Bad request: `invalid_request`. Also a token sent in the URL (`access_token`, `id_token` or `token` query parameter): it is refused, never read.',
    'invalid_request',
  ],
  ...(change ? { 401: [STEP_UP_REFUSED, 'unauthorized'] as const } : {}),
  403: 'OriginNotAllowed',
  500: 'ServerError',
});

function operation(a: SettingsAction): Record<string, Json> {
  const change = a.kind === 'change';
  const errors = { ...defaults(change), ...a.errors };
  return {
    [change ? 'post' : 'get']: {
      tags: ['self-service'],
      operationId: a.operationId,
      summary: a.summary,
      ...(a.description ? { description: a.description } : {}),
      security: change ? [{ settingsGrant: [] }] : [{ idToken: [] }, { settingsGrant: [] }],
      ...(change ? { requestBody: { required: true, content: json(refTo(a.body)) } } : {}),
      responses: {
        '200': a.answer ? noStoreAnswer(a.answer.description, refTo(a.answer.schema)) : noStoreAnswer("The user's factors.", ref('Me')),
        ...Object.fromEntries(Object.entries(errors).map(([status, error]) => [status, answerOf(error!)])),
      },
    },
  };
}

/** The operations of the settings API, one for each action of the contract's table. */
export const settingsOperations = (): PathItems => Object.fromEntries(settingsActionList().map((a) => [`${ME}${a.path}`, operation(a)]));
