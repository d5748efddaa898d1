import { FONTS, KNOBS, type Knob, type Scheme, shownValue, THEMES, themeCss } from './themes.js';

export interface ThemeEditorParts {
  /** The ready themes. */
  preset: HTMLSelectElement;
  /** The colour scheme picker (the elements' `theme` attribute), which the appearance form owns. */
  scheme: HTMLSelectElement;
  /** Where a field per custom property goes. */
  knobs: HTMLElement;
  /** Shows the CSS to copy. */
  css: HTMLElement;
  copy: HTMLButtonElement;
  copied: HTMLElement;
}

/**
 * The live theme editor: a ready theme fills the fields, each field sets its custom property on
 * the elements at once (through the CSSOM, which the page's CSP allows, unlike style
 * attributes), and the CSS for what is set is shown to copy.
 */
export function setUpThemeEditor(parts: ThemeEditorParts, elements: HTMLElement[]): void {
  const { preset, scheme, knobs, css, copy, copied } = parts;
  let properties: Record<string, string> = {};
  const inputs = new Map<string, HTMLInputElement | HTMLSelectElement>();

  for (const theme of THEMES) preset.add(new Option(theme.label, theme.name));
  for (const knob of KNOBS) {
    const input = field(knob);
    input.addEventListener('input', () => {
      properties[knob.property] = knob.kind === 'px' ? `${input.value}px` : input.value;
      refresh();
    });
    inputs.set(knob.property, input);
    const label = document.createElement('label');
    label.className = 'knob';
    label.append(knob.label, input);
    knobs.append(label);
  }

  const refresh = () => {
    for (const element of elements) {
      for (const { property } of KNOBS) {
        if (properties[property] === undefined) element.style.removeProperty(property);
        else element.style.setProperty(property, properties[property]);
      }
    }
    const current = { name: 'edited', label: '', scheme: scheme.value as Scheme, properties };
    for (const [property, input] of inputs) {
      const value = shownValue(current, property);
      input.value = input instanceof HTMLInputElement && input.type === 'range' ? String(parseFloat(value)) : value;
    }
    css.textContent = themeCss(current.scheme, properties);
    copied.textContent = '';
  };

  preset.addEventListener('change', () => {
    const theme = THEMES.find((t) => t.name === preset.value) ?? THEMES[0]!;
    properties = { ...theme.properties };
    scheme.value = theme.scheme;
    // The appearance form hands the scheme to the elements' theme attribute.
    scheme.dispatchEvent(new Event('change'));
  });
  scheme.addEventListener('change', refresh);
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(css.textContent ?? '');
      copied.textContent = 'Copied.';
    } catch {
      copied.textContent = 'Could not copy: select the CSS and copy it.';
    }
  });
  refresh();
}

function field(knob: Knob): HTMLInputElement | HTMLSelectElement {
  if (knob.kind === 'font') {
    const select = document.createElement('select');
    for (const font of FONTS) select.add(new Option(font.split(',')[0]!.replace(/'/g, ''), font));
    return select;
  }
  const input = document.createElement('input');
  input.type = knob.kind === 'color' ? 'color' : 'range';
  if (knob.kind === 'px') {
    input.min = String(knob.min);
    input.max = String(knob.max);
  }
  input.name = knob.property;
  return input;
}
