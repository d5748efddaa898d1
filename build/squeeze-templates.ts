import type { Plugin } from 'vite';

/** A `css` template's text without comments and the spaces CSS does not need; its lines stay lines. */
export function minifyCss(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ''))
    .replace(/[ \t]*\n[ \t]*/g, '\n')
    .replace(/\s*([{};,>])[ \t]*/g, (all, mark: string) => (all.includes('\n') ? `${mark}\n` : mark))
    .replace(/:[ \t]+/g, ':');
}

/**
 * The minifier keeps template literals as written, and the element's `css` and `html` templates
 * are mostly indentation. In the widget's sources, the indentation after each line break goes
 * (code does not need it, nor do HTML and CSS, and the widget writes no other template over
 * several lines) and styles lose comments and spaces; line breaks stay, so source maps hold.
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
