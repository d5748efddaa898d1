import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../server/errors.js';
import { expandEnv, expandEnvDeep, renderTemplate } from '../../../server/providers/template.js';

const vars = { num: '+12015550123', msg: 'Code: 123456', mobile: '+12015550123', challenge: 'Code: 123456' };

describe('renderTemplate', () => {
  it('replaces WSO2 $ctx.num and $ctx.msg', () => {
    expect(renderTemplate('to=$ctx.num&text=$ctx.msg', vars, 'none')).toBe('to=+12015550123&text=Code: 123456');
  });

  it('replaces Ubisecure {mobile} and {challenge}', () => {
    expect(renderTemplate('to={mobile}&content={challenge}', vars, 'none')).toBe('to=+12015550123&content=Code: 123456');
  });

  it('replaces any other given name in either style and leaves unknown names alone', () => {
    const out = renderTemplate('$ctx.digits {digits} $ctx.other {other} $ctx.numbers', { digits: '1201' }, 'none');
    expect(out).toBe('1201 1201 $ctx.other {other} $ctx.numbers');
  });

  it('URL-encodes values for URLs and form bodies, including & + = and spaces', () => {
    const out = renderTemplate(
      'https://sms.example/send?to={mobile}&text={challenge}',
      {
        mobile: '+12015550123',
        challenge: 'a&b=c+d e/é',
      },
      'url',
    );
    expect(out).toBe('https://sms.example/send?to=%2B12015550123&text=a%26b%3Dc%2Bd%20e%2F%C3%A9');
    expect(new URL(out).searchParams.get('text')).toBe('a&b=c+d e/é');
  });

  it('JSON-escapes values inside a quoted string so "text":"$ctx.msg" stays valid JSON', () => {
    const msg = 'He said "hi"\\\nline 2\ttab ✓ café \u2028 </script>';
    const out = renderTemplate('{"to":"$ctx.num","text":"$ctx.msg"}', { num: '+12015550123', msg }, 'json');
    expect(JSON.parse(out)).toEqual({ to: '+12015550123', text: msg });
  });

  it('quotes a bare placeholder in JSON, as in Ubisecure\'s {"mobile": {mobile}} example', () => {
    const out = renderTemplate('{"mobile": {mobile}, "challenge": {challenge}}', { mobile: '+1', challenge: 'say "x"' }, 'json');
    expect(JSON.parse(out)).toEqual({ mobile: '+1', challenge: 'say "x"' });
  });

  it('tracks JSON strings across escaped quotes and braces inside literals', () => {
    const out = renderTemplate('{"note":"a \\"{x}\\" b","v":{x}}', { x: 'q"' }, 'json');
    expect(JSON.parse(out)).toEqual({ note: 'a "q"" b', v: 'q"' });
  });

  it('inserts values verbatim with escape none', () => {
    expect(renderTemplate('{challenge}', { challenge: '<&">' }, 'none')).toBe('<&">');
  });
});

describe('expandEnv', () => {
  it('resolves ${NAME} references from the given environment', () => {
    expect(expandEnv('Bearer ${SMS_TOKEN}/${REGION}', { SMS_TOKEN: 't0k', REGION: 'eu' })).toBe('Bearer t0k/eu');
  });

  it('leaves $ctx and {name} placeholders untouched', () => {
    expect(expandEnv('to=$ctx.num&c={challenge}', {})).toBe('to=$ctx.num&c={challenge}');
  });

  it('throws a ConfigError naming the missing variable and never printing values', () => {
    const env = { PRESENT: 'super-secret-value' };
    let error: unknown;
    try {
      expandEnv('${PRESENT}:${MISSING_TOKEN}', env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('MISSING_TOKEN');
    expect((error as Error).message).not.toContain('super-secret-value');
  });

  it('treats an empty variable as missing', () => {
    expect(() => expandEnv('${EMPTY}', { EMPTY: '' })).toThrow(/EMPTY/);
  });

  it('expands every string of a nested configuration', () => {
    const config = { type: 'x', auth: { user: '${U}', pass: '${P}' }, list: ['${U}'], port: 25, on: true };
    expect(expandEnvDeep(config, { U: 'me', P: 'pw' })).toEqual({
      type: 'x',
      auth: { user: 'me', pass: 'pw' },
      list: ['me'],
      port: 25,
      on: true,
    });
  });
});
