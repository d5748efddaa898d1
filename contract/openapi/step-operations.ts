import { z } from 'zod';
import { errorStatus, type ErrorCode } from '../errors.js';
import { flowHandle } from '../flows.js';
import { stepRoutes } from '../paths.js';
import { methodContracts, operationName, optionSchemaName, requestSchemaName, type StepDoc } from '../steps.js';
import { responses } from './components.js';
import { errorAnswer, flowStateAnswers, headerRef, json, responseRef, type Json, type PathItems } from './refs.js';

const docOf = (method: string, action: string): StepDoc | undefined =>
  (methodContracts as Record<string, { steps: Record<string, StepDoc> }>)[method]?.steps[action];

/**
 * Every step route with its doc and its request component: `FlowRequest` for a body with no fields,
 * else its own (or the name it keeps). A route without a doc fails the document's build.
 */
const documented = () =>
  stepRoutes().map(({ path, method, action }) => {
    const doc = docOf(method, action);
    if (!doc) throw new Error(`no step doc for ${method}/${action} (contract/steps.ts)`);
    const request = Object.keys(doc.body.shape).length === 0 ? 'FlowRequest' : (doc.request ?? requestSchemaName(method, action));
    return { path, method, action, doc, request };
  });

/** The components of the methods: each option, and each action's request (`flow` plus its body). */
export const registeredSchemas: Record<string, z.ZodType> = Object.fromEntries([
  ...Object.entries(methodContracts).map(([method, c]) => [optionSchemaName(method), c.option]),
  ...documented()
    .filter(({ request }) => request !== 'FlowRequest')
    .map(({ request, doc }) => [request, z.object({ flow: flowHandle, ...doc.body.shape })]),
]);

const ALWAYS: ErrorCode[] = ['flow_conflict'];
const PHRASE: Record<number, string> = {
  400: 'Bad request',
  401: 'Not authenticated',
  409: 'Not possible in this state',
  410: 'Gone',
  429: 'Too many attempts or requests',
  502: 'Delivery failed',
};
const CONFLICT = '`flow_conflict`: the flow changed in a concurrent request (read it again and retry).';

const codeKey = (codes: readonly string[]) => [...codes].sort().join();
const shared = new Map(
  Object.entries(responses).flatMap(([name, answer]) => {
    const error = answer.content['application/json'].schema.properties.error;
    return 'enum' in error ? [[codeKey(error.enum), name]] : [];
  }),
);

/** One status's answer: the shared one with its codes, or its codes, its note and (409) what a conflict means. */
function errorAnswerOf(status: number, codes: ErrorCode[], note: string | undefined): Json {
  const name = note ? undefined : shared.get(codeKey(codes));
  if (name) return responseRef(name);
  const listed = codes.filter((c) => !ALWAYS.includes(c));
  const said = [`${PHRASE[status]}: ${listed.map((c) => `\`${c}\``).join(', ')}.`, note, status === 409 ? CONFLICT : undefined];
  const answer = errorAnswer(said.filter(Boolean).join(' '), ...codes);
  return codes.includes('rate_limited') ? { ...answer, headers: { 'Retry-After': headerRef('Retry-After') } } : answer;
}

/** Error answers by status, each narrowed to its codes. */
function errorAnswers(doc: StepDoc): Record<string, Json> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of [...doc.errors, ...ALWAYS]) byStatus.set(errorStatus[code], [...(byStatus.get(errorStatus[code]) ?? []), code]);
  const notes: Partial<Record<number, string>> = doc.notes ?? {};
  return Object.fromEntries([...byStatus].map(([status, codes]) => [String(status), errorAnswerOf(status, codes, notes[status])]));
}

function operation({ method, action, doc, request }: ReturnType<typeof documented>[number]): Record<string, Json> {
  return {
    post: {
      tags: ['flows'],
      operationId: doc.operationId ?? operationName(method, action),
      summary: doc.summary,
      description: doc.description,
      requestBody: { required: true, content: json({ $ref: `#/components/schemas/${request}` }) },
      responses: {
        ...flowStateAnswers,
        ...(doc.answer ? { '200': { ...flowStateAnswers['200'], description: doc.answer } } : {}),
        ...errorAnswers(doc),
      },
    },
  };
}

/** Every step operation, at its contract path, in the path table's order. */
export const stepOperations = (): PathItems => Object.fromEntries(documented().map((step) => [step.path, operation(step)]));
