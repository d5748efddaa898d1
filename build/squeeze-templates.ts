import type { Plugin } from 'vite';

/**
 * A `css` template's text without comments and the spaces CSS does not need, on one line (the
 * style files hold nothing but their template, so no other line's mapping moves).
 */
export function minifyCss(text: string): string {
  return (
    text
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/ ?([{};,>]) ?/g, '$1')
      .replace(/: /g, ':')
      .replace(/;}/g, '}')
      // `0.5em` is `.5em` to CSS, and `calc(a * b)` needs no spaces around `*` and `/` (only `+`, `-` do).
      .replace(/([^\w.])0\.(\d)/g, '$1.$2')
      .replace(/ ([*/]) /g, '$1')
      .trim()
  );
}

/**
 * The minifier keeps template literals as written, and the element's `css` and `html` templates
 * are mostly indentation. In the widget's sources, the indentation after each line break goes
 * (code does not need it, nor do HTML and CSS, and the widget writes no other template over
 * several lines) and styles lose comments and spaces; other line breaks stay, so source maps hold.
 */
export function squeezeTemplates(): Plugin {
  return {
    name: 'mfa-login:squeeze-templates',
    apply: 'build',
    transform(code, id) {
      if (!/\/widget\/.*\.ts$/.test(id)) return null;
      const styled = code.replace(/\bcss`([^`$]*)`/g, (_all, body: string) => `css\`${minifyCss(body)}\``);
      return { code: styled.replace(/\n[ \t]+/g, '\n'), map: null };
    },
  };
}
