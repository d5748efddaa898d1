/** Fills `{code}`, `{app}`, `{minutes}` and the like in a message template. */
export function fillTemplate(template: string, vars: Record<string, string>, encode: (s: string) => string = (s) => s): string {
  return template.replace(/\{([a-zA-Z]+)\}/g, (whole, name: string) => (Object.hasOwn(vars, name) ? encode(vars[name]!) : whole));
}

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
