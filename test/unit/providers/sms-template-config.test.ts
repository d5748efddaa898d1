import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../server/config.js';

describe('sms.template in the configuration', () => {
  it('refuses a template without {code}, naming the field and why', () => {
    const refuse = () => parseConfig({ sms: { template: 'Your {app} sign-in code is on its way.', webOtp: false } });
    expect(refuse).toThrow(ConfigError);
    expect(refuse).toThrow(/sms\.template: must hold \{code\}, or the text would carry no code to type/);
  });

  it('refuses it with the WebOTP line on too: a person reads the text, not the line', () => {
    expect(() => parseConfig({ sms: { template: 'Welcome to {app}!' } })).toThrow(/sms\.template: must hold \{code\}/);
  });

  it('accepts a template holding {code}, and the default one', () => {
    expect(parseConfig({ sms: { template: 'Code for {app}: {code}' } }).sms.template).toBe('Code for {app}: {code}');
    expect(parseConfig({}).sms.template).toContain('{code}');
  });
});
