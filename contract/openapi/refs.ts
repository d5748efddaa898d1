import type { ErrorCode } from '../errors.js';
import type { SchemaName } from './schemas.js';

/** A JSON value of the document; operations are written as data beside the schemas they name. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type PathItems = Record<string, Record<string, Json>>;
export type Responses = Record<string, Json>;

/** Refs are made here only, so a misspelt schema name fails the type check. */
export const schemaRef = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });
export const responseRef = (name: string) => ({ $ref: `#/components/responses/${name}` });
export const headerRef = (name: 'No-Store' | 'Retry-After' | 'X-Request-Id') => ({ $ref: `#/components/headers/${name}` });

/** The error shape narrowed to the codes one answer can carry. */
export const errorOf = (...codes: ErrorCode[]) => ({ ...schemaRef('Error'), properties: { error: { enum: codes } } });

/** A JSON body or answer of `schema`. */
export const json = <S extends Json>(schema: S) => ({ 'application/json': { schema } });

/** A required JSON request body of the named schema. */
export const requestOf = (name: SchemaName) => ({ required: true, content: json(schemaRef(name)) });

/** An error answer that carries only `codes`. */
export const errorAnswer = (description: string, ...codes: ErrorCode[]) => ({ description, content: json(errorOf(...codes)) });

/** An answer no cache may keep (it can hold a token, a secret or codes). */
export const noStoreAnswer = (description: string, schema: Json) => ({
  description,
  headers: { 'Cache-Control': headerRef('No-Store') },
  content: json(schema),
});

/** The answers of a flow action: the flow state, or the refusals every action on a flow can meet. */
export const flowStateAnswers = {
  '200': noStoreAnswer('The flow state.', schemaRef('FlowState')),
  '400': responseRef('BadRequest'),
  '403': responseRef('OriginNotAllowed'),
  '404': responseRef('FlowNotFound'),
  '410': responseRef('FlowExpired'),
  '500': responseRef('ServerError'),
};

/** The token endpoint's OAuth error shape (RFC 6749 §5.2) narrowed to one `error`. */
export const oauthErrorOf = (error: string) => ({ ...schemaRef('OAuthError'), properties: { error: { const: error } } });
