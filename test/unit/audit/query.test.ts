import { describe, expect, it } from 'vitest';
import { parseEventFilters } from '../../../server/audit/query.js';

describe('the filters of an events query', () => {
  it('reads a query string as the admin API receives it: repeated types, times, a limit as text', () => {
    expect(
      parseEventFilters({
        user: 'u1',
        client: 'shop',
        type: ['step.failed', 'lockout'],
        from: '2026-12-01T00:00:00Z',
        to: '2026-12-02T00:00:00.000+01:00',
        limit: '10',
        cursor: 'abc',
      }),
    ).toEqual({
      user: 'u1',
      client: 'shop',
      type: ['step.failed', 'lockout'],
      from: new Date('2026-12-01T00:00:00Z'),
      to: new Date('2026-12-01T23:00:00Z'),
      order: 'desc',
      limit: 10,
      cursor: 'abc',
    });
    expect(parseEventFilters({ type: 'token.issued' })).toMatchObject({ type: ['token.issued'], limit: 50, order: 'desc' });
  });

  it('refuses an unknown type, a time that is not ISO 8601, and a page over 500, in the one error shape', () => {
    for (const bad of [{ type: 'login' }, { from: 'yesterday' }, { limit: '501' }, { order: 'newest' }])
      expect(() => parseEventFilters(bad)).toThrow(expect.objectContaining({ code: 'invalid_request' }));
  });
});
