/**
 * The demo's ready themes and the CSS an integrator copies for one. A theme is the element's
 * `theme` attribute (its colour scheme) plus the documented custom properties it sets; what it
 * leaves unset keeps the element's own value for that scheme.
 */

export type Scheme = 'auto' | 'light' | 'dark';

export interface Theme {
  name: string;
  label: string;
  scheme: Scheme;
  properties: Readonly<Record<string, string>>;
}

export interface Knob {
  property: string;
  label: string;
  kind: 'color' | 'px' | 'font';
  /** For `px`: the range offered. */
  min?: number;
  max?: number;
}

/** The custom properties the editor offers, as `<mfa-login>` documents them. */
export const KNOBS: readonly Knob[] = [
  { property: '--mfa-login-accent', label: 'Accent', kind: 'color' },
  { property: '--mfa-login-accent-contrast', label: 'Text on accent', kind: 'color' },
  { property: '--mfa-login-background', label: 'Background', kind: 'color' },
  { property: '--mfa-login-text', label: 'Text', kind: 'color' },
  { property: '--mfa-login-muted', label: 'Muted text', kind: 'color' },
  { property: '--mfa-login-border', label: 'Card border', kind: 'color' },
  { property: '--mfa-login-field-border', label: 'Field border', kind: 'color' },
  { property: '--mfa-login-radius', label: 'Corner radius', kind: 'px', min: 0, max: 28 },
  { property: '--mfa-login-font-size', label: 'Font size', kind: 'px', min: 14, max: 20 },
  { property: '--mfa-login-font', label: 'Font', kind: 'font' },
];

export const FONTS: readonly string[] = [
  "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
  "'Trebuchet MS', 'Segoe UI', system-ui, sans-serif",
  "Georgia, 'Times New Roman', serif",
];

/** The element's own values, per scheme: what an editor field shows before it is changed. */
export const DEFAULTS: Readonly<Record<'light' | 'dark', Readonly<Record<string, string>>>> = {
  light: {
    '--mfa-login-accent': '#2557d6',
    '--mfa-login-accent-contrast': '#ffffff',
    '--mfa-login-background': '#ffffff',
    '--mfa-login-text': '#1d2330',
    '--mfa-login-muted': '#5b6475',
    '--mfa-login-border': '#d4d9e2',
    '--mfa-login-field-border': '#7b8494',
    '--mfa-login-radius': '10px',
    '--mfa-login-font-size': '16px',
    '--mfa-login-font': FONTS[0]!,
  },
  dark: {
    '--mfa-login-accent': '#8fb0ff',
    '--mfa-login-accent-contrast': '#0b1220',
    '--mfa-login-background': '#161b24',
    '--mfa-login-text': '#e6e9ef',
    '--mfa-login-muted': '#a7b0c0',
    '--mfa-login-border': '#3a4252',
    '--mfa-login-field-border': '#8590a3',
    '--mfa-login-radius': '10px',
    '--mfa-login-font-size': '16px',
    '--mfa-login-font': FONTS[0]!,
  },
};

/** Text at 4.5:1 or more and borders of fields at 3:1 or more on its background (WCAG 2.2 AA). */
export const THEMES: readonly Theme[] = [
  { name: 'default', label: 'Default (follows the system)', scheme: 'auto', properties: {} },
  { name: 'dark', label: 'Dark', scheme: 'dark', properties: {} },
  {
    name: 'rounded',
    label: 'Rounded brand',
    scheme: 'light',
    properties: {
      '--mfa-login-accent': '#0f766e',
      '--mfa-login-accent-contrast': '#ffffff',
      '--mfa-login-background': '#fbfaf6',
      '--mfa-login-text': '#17302d',
      '--mfa-login-muted': '#4a5d5a',
      '--mfa-login-border': '#d5dfdc',
      '--mfa-login-field-border': '#6b7d7a',
      '--mfa-login-radius': '22px',
      '--mfa-login-font': FONTS[1]!,
    },
  },
];

/** The shown value of each knob: the theme's, else the element's own for the scheme. */
export function shownValue(theme: Theme, property: string): string {
  const scheme = theme.scheme === 'dark' ? 'dark' : 'light';
  return theme.properties[property] ?? DEFAULTS[scheme][property] ?? '';
}

/** The CSS to copy: the attribute to set (unless it is the default) and the properties set. */
export function themeCss(scheme: Scheme, properties: Readonly<Record<string, string>>): string {
  const set = KNOBS.filter((k) => properties[k.property] !== undefined).map((k) => `  ${k.property}: ${properties[k.property]};`);
  const lines: string[] = [];
  if (scheme !== 'auto') lines.push(`/* On the elements: theme="${scheme}" */`);
  if (set.length) lines.push('mfa-login,', 'mfa-login-settings {', ...set, '}');
  if (!lines.length) lines.push('/* Nothing to set: the element follows the system’s light or dark mode. */');
  return `${lines.join('\n')}\n`;
}
