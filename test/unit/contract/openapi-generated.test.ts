import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorStatus } from '../../../contract/errors.js';
import { componentSchemas } from '../../../contract/openapi/schemas.js';
import { openApiDocument, openApiText } from '../../../contract/openapi/document.js';
import { settingsSchemas } from '../../../contract/openapi/settings-operations.js';
import { registeredSchemas, stepOperations } from '../../../contract/openapi/step-operations.js';
import { methodNames } from '../../../contract/methods.js';
import { stepRoutes } from '../../../contract/paths.js';

const committed = readFileSync(new URL('../../../openapi.json', import.meta.url), 'utf8');

describe('openapi.json, generated from the contract', () => {
  it('is what `npm run contract` writes today (regenerate after changing contract/)', () => {
    // Compared as text, so a stale file shows the first differing line.
    expect(committed).toBe(openApiText());
  });

  it('names every contract schema a component, with no shared leftovers', () => {
    expect(Object.keys(openApiDocument().components.schemas).sort()).toEqual(
      Object.keys({ ...componentSchemas, ...registeredSchemas, ...settingsSchemas }).sort(),
    );
  });

  it("has every method's step routes, and each one's operation is the one generated from its contract", () => {
    const paths = openApiDocument().paths as Record<string, { post?: unknown }>;
    const generated = stepOperations();
    const routes = stepRoutes();
    expect(new Set(routes.map((r) => r.method))).toEqual(new Set(methodNames));
    for (const { path } of routes) {
      expect(paths[path]?.post, path).toBeDefined();
      expect(paths[path], path).toEqual(generated[path]);
    }
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
