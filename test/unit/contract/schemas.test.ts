import { describe, expect, it } from 'vitest';
import { codeBody } from '../../../contract/fields.js';
import { dpopKey, startFlowRequest } from '../../../contract/flows.js';
import { stepPaths, stepRoutes } from '../../../contract/paths.js';

const key = { kty: 'EC', crv: 'P-256', x: 'a'.repeat(43), y: 'b'.repeat(43) };

describe('the contract schemas', () => {
  it('ignores spaces in a typed code before checking its length', () => {
    expect(codeBody.parse({ code: ' 123 456 ' })).toEqual({ code: '123456' });
    expect(codeBody.safeParse({ code: '   ' }).success).toBe(false);
  });

  it('takes a public DPoP key only, and keeps nothing beyond its coordinates', () => {
    expect(dpopKey.parse({ ...key, kid: 'x', ext: true })).toEqual(key);
    expect(dpopKey.safeParse({ ...key, d: 'secret' }).success).toBe(false);
  });

  it('starts a login unless a purpose is given', () => {
    expect(startFlowRequest.parse({ clientId: 'demo' }).purpose).toBe('login');
  });

  it('names one path per method action', () => {
    expect(stepPaths.backup_code.verify).toBe('/api/v1/flows/backup-code/verify');
    expect(stepRoutes()).toContainEqual({ path: '/api/v1/flows/sms/enroll', method: 'sms', action: 'enroll' });
    expect(new Set(stepRoutes().map((r) => r.path)).size).toBe(stepRoutes().length);
  });
});
