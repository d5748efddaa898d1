import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorStatus } from '../../../contract/errors.js';
import { componentSchemas } from '../../../contract/openapi/schemas.js';
import { openApiDocument, openApiText } from '../../../contract/openapi/document.js';
import { registeredSchemas } from '../../../contract/openapi/step-operations.js';
import { stepRoutes } from '../../../contract/paths.js';

const committed = readFileSync(new URL('../../../openapi.json', import.meta.url), 'utf8');

describe('openapi.json, generated from the contract', () => {
  it('is what `npm run contract` writes today (regenerate after changing contract/)', () => {
    // Compared as text, so a stale file shows the first differing line.
    expect(committed).toBe(openApiText());
  });

  it('names every contract schema a component, with no shared leftovers', () => {
    expect(Object.keys(openApiDocument().components.schemas).sort()).toEqual(Object.keys({ ...componentSchemas, ...registeredSchemas }).sort());
  });

  it('has an operation for every step route of the path table', () => {
    const paths = openApiDocument().paths as Record<string, { post?: unknown }>;
    for (const { path } of stepRoutes()) expect(paths[path]?.post, path).toBeDefined();
  });

  it('takes the error enum from the contract error table', () => {
    const { error } = (openApiDocument().components.schemas.Error as { properties: { error: { enum: string[] } } }).properties;
    expect(error.enum).toEqual([...Object.keys(errorStatus), 'server_error']);
  });

  it('lists the same changes in x-changes and the description', () => {
    const doc = openApiDocument();
    for (const { what, change } of doc['x-changes']) expect(doc.info.description).toContain(`- **${what}**: ${change}\n`);
  });
});
