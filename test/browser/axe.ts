/** axe-core in the test page, run with the WCAG 2.2 A and AA rules over an element's shadow tree. */

interface AxeResult {
  violations: { id: string; impact: string; help: string; nodes: { target: unknown[]; failureSummary: string }[] }[];
}

interface Axe {
  run(context: Element, options: unknown): Promise<AxeResult>;
}

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

let loading: Promise<Axe> | undefined;

/** axe's own bundle, as a classic script: it is a UMD file that sets `window.axe`. */
function load(): Promise<Axe> {
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    script.onload = () => resolve((window as unknown as { axe: Axe }).axe);
    script.onerror = () => reject(new Error('axe-core did not load'));
    document.head.append(script);
  });
  return loading;
}

/** The WCAG 2.2 AA violations in `el` (shadow roots included), one line each; empty when clean. */
export async function violations(el: Element): Promise<string[]> {
  const axe = await load();
  const result = await axe.run(el, { runOnly: { type: 'tag', values: TAGS }, resultTypes: ['violations'] });
  return result.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(n.target)}: ${n.failureSummary.replace(/\s+/g, ' ')}`),
  );
}
