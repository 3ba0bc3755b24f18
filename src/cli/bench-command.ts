// `npm run bench`: speed of coverage decisions, printed as numbers (never asserted in unit tests).
import { BENCHMARK_IDS, getBenchmark } from '../core/catalog/catalog.js';
import type { Pattern } from '../core/pattern/ast.js';
import { covers } from '../core/pattern/cover.js';
import { MAX_FILTER_PATTERN_LENGTH, parsePattern } from '../core/pattern/parser.js';

interface Case {
  label: string;
  reference: Pattern;
  patterns: Pattern[];
}

/** Sixty OR-ed event names in at most 1024 characters, the first ones the reference's own. */
export function worstCaseOrPattern(names: string[], count = 60): string {
  const fill = Array.from({ length: count }, (_, i) => names[i] ?? `Ev${i}`);
  let text = '';
  for (;;) {
    text = `{${fill.map((n) => `$.eventName=${n}`).join('||')}}`;
    if (text.length <= MAX_FILTER_PATTERN_LENGTH) return text;
    const longest = fill.reduce((a, b) => (b.length > a.length ? b : a));
    fill[fill.indexOf(longest)] = longest.slice(0, -1);
  }
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const id of BENCHMARK_IDS)
    for (const c of getBenchmark(id).controls)
      for (const r of c.references) {
        const ref = parsePattern(r);
        out.push({ label: `${id}/${c.id} self`, reference: ref, patterns: [ref] });
      }
  return out;
}

function worstCases(): Case[] {
  const org = getBenchmark('cis-6.0').controls.find((c) => c.id === 'organizations-changes')!;
  const vpc = getBenchmark('cis-6.0').controls.find((c) => c.id === 'vpc-changes')!;
  const orgRef = parsePattern(org.references[0]!);
  const names = [...org.references[0]!.matchAll(/"(\w+)"\)/g)].map((m) => m[1]!);
  const sixty = parsePattern(worstCaseOrPattern(names));
  const wild = parsePattern(
    `{${Array.from({ length: 30 }, (_, i) => `$.eventName="*${String.fromCharCode(65 + (i % 26))}${i}*"`).join('||')}}`,
  );
  const regex = parsePattern(
    '{ $.eventName = %^(Create|Delete)?Vpc.*% || $.eventName = %[A-Z][a-z]+Vpc[A-Za-z]*$% }'.replace(
      '(Create|Delete)?',
      '[CD][a-z]+',
    ),
  );
  return [
    { label: 'organizations vs 60 OR-ed names (1024 chars)', reference: orgRef, patterns: [sixty] },
    {
      label: 'vpc vs 60 OR-ed names (1024 chars)',
      reference: parsePattern(vpc.references[0]!),
      patterns: [sixty],
    },
    { label: 'organizations vs 30 infix wildcards', reference: orgRef, patterns: [wild] },
    { label: 'vpc vs regex values', reference: parsePattern(vpc.references[0]!), patterns: [regex] },
  ];
}

function measure(list: Case[], rounds: number) {
  let slowest = { ms: 0, label: '' };
  const t0 = performance.now();
  let n = 0;
  for (let r = 0; r < rounds; r++)
    for (const c of list) {
      const s = performance.now();
      covers(c.reference, c.patterns);
      const ms = performance.now() - s;
      if (ms > slowest.ms) slowest = { ms, label: c.label };
      n++;
    }
  const total = performance.now() - t0;
  return { decisions: n, perSecond: (n / total) * 1000, slowest };
}

/** Prints decisions per second on the catalog and on worst-case patterns, and the slowest decision. */
export function runBench(): void {
  measure(cases(), 1); // warm-up
  const catalog = measure(cases(), 5);
  const worst = measure(worstCases(), 5);
  const fmt = (x: number) => x.toFixed(1);
  process.stdout.write(
    `${[
      `catalog (every reference against itself): ${catalog.decisions} decisions, ${fmt(catalog.perSecond)} per second, slowest ${fmt(catalog.slowest.ms)} ms (${catalog.slowest.label})`,
      `worst cases: ${worst.decisions} decisions, ${fmt(worst.perSecond)} per second, slowest ${fmt(worst.slowest.ms)} ms (${worst.slowest.label})`,
      `slowest decision overall: ${fmt(Math.max(catalog.slowest.ms, worst.slowest.ms))} ms (target: under 50 ms)`,
    ].join('\n')}\n`,
  );
}
