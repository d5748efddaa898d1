/**
 * The few JSON Schema keywords the OpenAPI document uses for responses, checked against a real
 * answer: $ref (local), type, const, enum, required, properties, items, oneOf, allOf. Enough to
 * catch a documented field that is missing or of the wrong kind; not a full validator.
 */
type Schema = Record<string, any>;

function resolve(root: Schema, ref: string): Schema {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .reduce((node: any, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], root);
}

const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);

export function schemaErrors(root: Schema, schema: Schema, value: unknown, at = '$'): string[] {
  const errors: string[] = [];
  if (schema.$ref) errors.push(...schemaErrors(root, resolve(root, schema.$ref), value, at));
  if (schema.type) {
    const types = [schema.type].flat();
    const actual = typeOf(value);
    if (!types.includes(actual) && !(actual === 'integer' && types.includes('number')))
      errors.push(`${at}: expected ${types.join('|')}, got ${actual}`);
  }
  if ('const' in schema && value !== schema.const) errors.push(`${at}: expected ${JSON.stringify(schema.const)}`);
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${at}: ${JSON.stringify(value)} is not one of ${schema.enum.join(', ')}`);
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in object)) errors.push(`${at}: missing ${key}`);
    for (const [key, sub] of Object.entries<Schema>(schema.properties ?? {})) {
      if (key in object) errors.push(...schemaErrors(root, sub, object[key], `${at}.${key}`));
    }
  }
  if (schema.items && Array.isArray(value))
    for (const [i, item] of value.entries()) errors.push(...schemaErrors(root, schema.items, item, `${at}[${i}]`));
  for (const sub of schema.allOf ?? []) errors.push(...schemaErrors(root, sub, value, at));
  if (schema.oneOf) {
    const matching = (schema.oneOf as Schema[]).filter((sub) => schemaErrors(root, sub, value, at).length === 0);
    if (matching.length !== 1) errors.push(`${at}: matches ${matching.length} of the oneOf schemas`);
  }
  return errors;
}
