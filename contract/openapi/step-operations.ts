import { z } from 'zod';
import { errorStatus, type ErrorCode } from '../errors.js';
import { flowHandle } from '../flows.js';
import { allStepPaths, type StepMethod } from '../paths.js';
import { methodContracts, type StepDoc } from '../steps.js';
import { errorOf, flowStateAnswers, headerRef, json, type Json, type PathItems } from './refs.js';

const pascal = (s: string) => s.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());

/** `passkey` → `PasskeyOption`, ('passkey', 'verify') → `PasskeyVerifyRequest`. */
export const optionSchemaName = (method: string) => `${pascal(method)}Option`;
const requestSchemaName = (method: string, action: string) => `${pascal(method)}${pascal(action)}Request`;

type Registered = [method: StepMethod, action: string, doc: StepDoc];
const registered = (): Registered[] =>
  Object.entries(methodContracts).flatMap(([method, c]) =>
    Object.entries(c.steps).map(([action, doc]): Registered => [method as StepMethod, action, doc]),
  );

/** The components of the registered methods: each option, and each action's request (`flow` plus its body). */
export const registeredSchemas: Record<string, z.ZodType> = Object.fromEntries([
  ...Object.entries(methodContracts).map(([method, c]) => [optionSchemaName(method), c.option]),
  ...registered().map(([method, action, doc]) => [requestSchemaName(method, action), z.object({ flow: flowHandle, ...doc.body.shape })]),
]);

const ALWAYS: ErrorCode[] = ['flow_conflict'];

/** Error answers by status, each narrowed to its codes. */
function errorAnswers(codes: readonly ErrorCode[]): Record<string, Json> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of [...codes, ...ALWAYS]) byStatus.set(errorStatus[code], [...(byStatus.get(errorStatus[code]) ?? []), code]);
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => {
      const answer: Record<string, Json> = { description: list.map((c) => `\`${c}\``).join(', '), content: json(errorOf(...list)) };
      if (status === 429) answer.headers = { 'Retry-After': headerRef('Retry-After') };
      return [String(status), answer];
    }),
  );
}

function operation(method: StepMethod, action: string, doc: StepDoc): Json {
  return {
    post: {
      tags: ['flows'],
      operationId: `${action}${pascal(method)}`,
      summary: doc.summary,
      description: doc.description,
      requestBody: { required: true, content: json({ $ref: `#/components/schemas/${requestSchemaName(method, action)}` }) },
      responses: {
        ...flowStateAnswers,
        ...errorAnswers(doc.errors),
      },
    },
  };
}

/** The step operations of the registered methods, at their contract paths. */
export function registeredStepOperations(): PathItems {
  return Object.fromEntries(
    registered().map(([method, action, doc]) => [
      (allStepPaths()[method] as Record<string, string>)[action]!,
      operation(method, action, doc) as Record<string, Json>,
    ]),
  );
}
