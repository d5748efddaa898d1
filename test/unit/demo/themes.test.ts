import { describe, expect, it } from 'vitest';
import { DEFAULTS, KNOBS, shownValue, THEMES, themeCss } from '../../../demo/themes.js';

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('the demo’s ready themes', () => {
  it('offers default, dark and a rounded brand theme', () => {
    expect(THEMES.map((t) => [t.name, t.scheme])).toEqual([
      ['default', 'auto'],
      ['dark', 'dark'],
      ['rounded', 'light'],
    ]);
  });

  it('sets only properties the element documents', () => {
    const known = new Set(KNOBS.map((k) => k.property));
    for (const theme of THEMES) for (const property of Object.keys(theme.properties)) expect(known).toContain(property);
  });

  for (const theme of THEMES) {
    it(`keeps text at 4.5:1 and field borders at 3:1 on the card in ${theme.name}`, () => {
      const value = (p: string) => shownValue(theme, p);
      const background = value('--mfa-login-background');
      expect(contrast(value('--mfa-login-text'), background)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(value('--mfa-login-muted'), background)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(value('--mfa-login-accent'), background)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(value('--mfa-login-accent-contrast'), value('--mfa-login-accent'))).toBeGreaterThanOrEqual(4.5);
      expect(contrast(value('--mfa-login-field-border'), background)).toBeGreaterThanOrEqual(3);
    });
  }

  it('shows the element’s own value for what a theme leaves unset, per scheme', () => {
    expect(shownValue(THEMES[0]!, '--mfa-login-accent')).toBe(DEFAULTS.light['--mfa-login-accent']);
    expect(shownValue(THEMES[1]!, '--mfa-login-accent')).toBe(DEFAULTS.dark['--mfa-login-accent']);
    expect(shownValue(THEMES[2]!, '--mfa-login-radius')).toBe('22px');
  });

  it('writes the CSS to copy: the attribute when not the default, then the properties set, in the documented order', () => {
    expect(themeCss('auto', {})).toBe('/* Nothing to set: the element follows the system’s light or dark mode. */\n');
    expect(themeCss('dark', {})).toBe('/* On the elements: theme="dark" */\n');
    expect(themeCss('light', { '--mfa-login-radius': '22px', '--mfa-login-accent': '#0f766e' })).toBe(
      [
        '/* On the elements: theme="light" */',
        'mfa-login,',
        'mfa-login-settings {',
        '  --mfa-login-accent: #0f766e;',
        '  --mfa-login-radius: 22px;',
        '}',
        '',
      ].join('\n'),
    );
  });
});
