import { z } from 'zod';
import { headers, responses, securitySchemes } from './components.js';
import { discoveryPaths } from './discovery-paths.js';
import { flowsPaths } from './flows-paths.js';
import { changes, CHANGES_HEADING, info, servers, tags } from './info.js';
import { componentSchemas } from './schemas.js';
import { oidcPaths } from './oidc-paths.js';
import { settingsOperations, settingsSchemas } from './settings-operations.js';
import { registeredSchemas } from './step-operations.js';
import { tokenPaths } from './token-paths.js';
import { adminPaths } from './admin-paths.js';

type JsonSchema = Record<string, unknown>;

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** zod's bounds of a safe integer and the regexes behind its formats say nothing a reader needs. */
function tidy({ jsonSchema }: { jsonSchema: JsonSchema }) {
  if (jsonSchema.maximum === MAX_SAFE) delete jsonSchema.maximum;
  if (jsonSchema.minimum === -MAX_SAFE) delete jsonSchema.minimum;
  if (jsonSchema.format === 'uuid' || jsonSchema.format === 'date-time') delete jsonSchema.pattern;
}

/** `components.schemas`, generated from the contract's zod schemas; shared ones become $refs. */
export function componentJsonSchemas(): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries({ ...componentSchemas, ...registeredSchemas, ...settingsSchemas })) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}`, io: 'input', override: tidy });
  if ('__shared' in schemas) throw new Error('a schema with an id is missing from componentSchemas');
  return Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _, $id: __, ...schema }]) => [id, schema]));
}

/** The OpenAPI 3.1 document of the contract, as `npm run contract` writes it to openapi.json. */
export function openApiDocument() {
  const list = changes.map(({ what, change }) => `- **${what}**: ${change}\n`).join('');
  return {
    openapi: '3.1.0',
    info: { ...info, description: `${info.description}${CHANGES_HEADING}\n\n${list}` },
    'x-changes': changes,
    servers,
    tags,
    paths: { ...flowsPaths, ...tokenPaths, ...oidcPaths, ...discoveryPaths, ...settingsOperations(), ...adminPaths },
    components: { schemas: componentJsonSchemas(), responses, headers, securitySchemes },
  };
}

/** The file's text: what the drift test compares the committed openapi.json with. */
export const openApiText = () => `${JSON.stringify(openApiDocument(), null, 2)}\n`;
