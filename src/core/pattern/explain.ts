// Turns a counterexample into words a user can act on: which events the filter misses and why.
import type { AtomNode, Node, Pattern } from './ast.js';
import { isAtom } from './ast.js';
import { matchesAtom } from './match.js';

/** Conjunctions beyond this many are not expanded when looking for the closest branch. */
const MAX_DISJUNCTS = 512;

/** Explains why no pattern matches `event`, an event the reference matches. */
export function explainCounterexample(
  reference: Node,
  patterns: readonly Pattern[],
  event: Record<string, unknown>,
): string {
  const refSelectors = new Set<string>();
  for (const a of collect(reference)) refSelectors.add(a.selector.key);
  const what = describeEvent(event);
  const reasons: Array<{ cost: number; text: string }> = [];
  for (const p of patterns) {
    if (p.kind === 'json') reasons.push(explainJson(p, refSelectors, event));
    else if (p.kind === 'terms' || p.kind === 'regex')
      reasons.push({ cost: 1, text: `the text pattern \`${p.text.trim()}\` does not match them` });
  }
  if (reasons.length === 0) return `no filter pattern matches events such as ${what}`;
  reasons.sort((a, b) => a.cost - b.cost);
  return `does not match ${what}: ${reasons[0]!.text}`;
}

function explainJson(
  p: Extract<Pattern, { kind: 'json' }>,
  refSelectors: Set<string>,
  event: Record<string, unknown>,
) {
  const text = (a: AtomNode) => p.text.slice(a.start, a.end).trim();
  const disjuncts = toDnf(p.root);
  if (!disjuncts) return { cost: 99, text: `no branch of \`${p.text.trim()}\` matches them` };
  const live = disjuncts.filter((d) => !contradiction(d));
  if (live.length === 0) {
    const d = disjuncts[0]!;
    const c = contradiction(d)!;
    const names = c.selector === '$.eventName';
    return {
      cost: 0,
      text: names
        ? `\`&&\` joins event names that can never occur together (\`${text(c.a)}\` && \`${text(c.b)}\`), so the filter never matches`
        : `\`${text(c.a)}\` && \`${text(c.b)}\` can never both hold, so the filter never matches`,
    };
  }
  let best: { cost: number; falseAtoms: AtomNode[] } | undefined;
  // The closest branch: first the fewest failing conditions on fields the reference also constrains
  // (those describe other events), then the fewest failing conditions of any kind (narrowing).
  for (const d of live) {
    const falseAtoms = d.filter((a) => !matchesAtom(a, event));
    const onReference = falseAtoms.filter((a) => refSelectors.has(a.selector.key)).length;
    const cost = onReference * 1000 + falseAtoms.length;
    if (!best || cost < best.cost) best = { cost, falseAtoms };
  }
  const parts: string[] = [];
  const narrowing = best!.falseAtoms
    .filter((a) => !refSelectors.has(a.selector.key))
    .map((a) => `\`${text(a)}\``);
  for (const a of best!.falseAtoms)
    if (refSelectors.has(a.selector.key)) parts.push(`\`${text(a)}\` is false for them`);
  if (narrowing.length === 1) parts.push(`the extra condition ${narrowing[0]} narrows the filter`);
  else if (narrowing.length > 1) parts.push(`the extra conditions ${narrowing.join(', ')} narrow the filter`);
  const eventName = event.eventName;
  // "Does not list" fits a filter that names events one by one, not one that matches them by wildcard.
  const nameAtoms = collect(p.root).filter((a) => a.selector.key === '$.eventName');
  const namesInFilter =
    nameAtoms.length > 0 &&
    nameAtoms.every(
      (a) =>
        a.type === 'compare' &&
        a.op === '=' &&
        a.value.kind === 'string' &&
        !a.value.leadingStar &&
        !a.value.trailingStar,
    );
  if (
    typeof eventName === 'string' &&
    namesInFilter &&
    best!.falseAtoms.some((a) => a.selector.key === '$.eventName')
  ) {
    const others = parts.filter(
      (part) => !best!.falseAtoms.some((a) => a.selector.key === '$.eventName' && part.includes(text(a))),
    );
    return { cost: best!.cost, text: [`the filter does not list \`${eventName}\``, ...others].join('; ') };
  }
  return { cost: best!.cost, text: parts.join('; ') || 'no branch of the filter matches them' };
}

function describeEvent(event: Record<string, unknown>): string {
  const name = event.eventName;
  const source = event.eventSource;
  if (typeof name === 'string') {
    const from = typeof source === 'string' ? ` from ${source}` : '';
    return `\`${name}\` events${from}`;
  }
  return `events such as ${JSON.stringify(event)}`;
}

function collect(node: Node): AtomNode[] {
  if (isAtom(node)) return [node];
  return node.children.flatMap(collect);
}

/** The pattern as a list of conjunctions, or undefined when that list would be too long. */
export function toDnf(node: Node): AtomNode[][] | undefined {
  if (isAtom(node)) return [[node]];
  const parts = node.children.map(toDnf);
  if (parts.some((p) => p === undefined)) return undefined;
  if (node.type === 'or') {
    const all = (parts as AtomNode[][][]).flat();
    return all.length > MAX_DISJUNCTS ? undefined : all;
  }
  let acc: AtomNode[][] = [[]];
  for (const p of parts as AtomNode[][][]) {
    if (acc.length * p.length > MAX_DISJUNCTS) return undefined;
    acc = acc.flatMap((x) => p.map((y) => [...x, ...y]));
  }
  return acc;
}

/** Two exact equalities on one selector with different values: the conjunction never holds. */
function contradiction(conj: AtomNode[]): { selector: string; a: AtomNode; b: AtomNode } | undefined {
  const exact = conj.filter(
    (a): a is Extract<AtomNode, { type: 'compare' }> =>
      a.type === 'compare' &&
      a.op === '=' &&
      !a.selector.segments.some((s) => s.kind === 'any') &&
      ((a.value.kind === 'string' && !a.value.leadingStar && !a.value.trailingStar) ||
        a.value.kind === 'number'),
  );
  for (let i = 0; i < exact.length; i++)
    for (let j = i + 1; j < exact.length; j++) {
      const a = exact[i]!;
      const b = exact[j]!;
      const va = valueText(a);
      const vb = valueText(b);
      if (a.selector.key === b.selector.key && va !== vb) return { selector: a.selector.key, a, b };
    }
  return undefined;
}

function valueText(a: Extract<AtomNode, { type: 'compare' }>): string {
  const v = a.value;
  return v.kind === 'string' ? `s:${v.core}` : v.kind === 'number' ? `n:${v.value}` : `r:${v.source}`;
}
