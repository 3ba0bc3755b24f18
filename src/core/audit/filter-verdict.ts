import type { CatalogControl } from '../catalog/catalog.js';
import { sameTextIgnoringWhitespace, securityHubText } from '../catalog/catalog.js';
import { PatternSyntaxError } from '../errors.js';
import type { Node, Pattern } from '../pattern/ast.js';
import { isAtom } from '../pattern/ast.js';
import { type CoverResult, covers, type Reading } from '../pattern/cover.js';
import { parsePattern } from '../pattern/parser.js';

export interface FilterVerdict {
  outcome: 'covers' | 'misses' | 'undecided';
  reason: string;
  notes: string[];
  counterexample?: Record<string, unknown>;
}

/** Parses a filter pattern, returning the syntax error instead of throwing it. */
export function tryParsePattern(text: string): Pattern | PatternSyntaxError {
  try {
    return parsePattern(text);
  } catch (e) {
    if (e instanceof PatternSyntaxError) return e;
    throw e;
  }
}

/**
 * Decides whether the patterns of one metric's filters, together, satisfy a control: they cover one
 * of its references (and, under Security Hub, one of them is the exact text). A pattern the engine
 * cannot parse makes an uncovered result undecided, never a pass.
 */
export function judgeFilterPatterns(
  control: CatalogControl,
  patterns: readonly string[],
  reading: Reading = 'strict',
): FilterVerdict {
  // The collector asks first (which metrics deserve an alarm lookup), the evaluation asks again.
  const key = JSON.stringify([
    control.id,
    control.references,
    control.exactText ?? null,
    control.notes,
    reading,
    patterns,
  ]);
  const cached = verdictCache.get(key);
  if (cached) return { ...cached, notes: [...cached.notes] };
  const verdict = judgeUncached(control, patterns, reading);
  if (verdictCache.size >= MAX_CACHED_VERDICTS) verdictCache.clear();
  verdictCache.set(key, verdict);
  return { ...verdict, notes: [...verdict.notes] };
}

/** Verdicts kept for repeated questions within a run; cleared whole when full. */
const MAX_CACHED_VERDICTS = 10_000;
const verdictCache = new Map<string, FilterVerdict>();

function judgeUncached(
  control: CatalogControl,
  patterns: readonly string[],
  reading: Reading,
): FilterVerdict {
  const parsed: Pattern[] = [];
  const parseErrors: string[] = [];
  for (const text of patterns) {
    const p = tryParsePattern(text);
    if (p instanceof PatternSyntaxError) parseErrors.push(`\`${text.trim()}\` does not parse: ${p.message}`);
    else parsed.push(p);
  }
  const notes = [...control.notes];
  let first: CoverResult | undefined;
  let undecided: string | undefined;
  for (const [i, refText] of control.references.entries()) {
    const ref = parsePattern(refText, Number.POSITIVE_INFINITY);
    const result = parsed.length > 0 ? covers(ref, parsed, { reading }) : undefined;
    if (result?.covers) {
      notes.push(...result.notes);
      if (control.references.length > 1 && i > 0)
        notes.push('covers the narrower alternative form this version allows, not the broader one');
      return exactTextCheck(control, patterns, notes, parseErrors);
    }
    if (result && 'undecided' in result) undecided ??= result.why;
    first ??= result;
  }
  if (parseErrors.length > 0)
    return {
      outcome: 'undecided',
      reason: `the filter pattern could not be read: ${parseErrors.join('; ')}`,
      notes,
    };
  if (undecided)
    return { outcome: 'undecided', reason: `coverage could not be decided: ${undecided}`, notes };
  if (!first || first.covers || 'undecided' in first)
    return { outcome: 'misses', reason: 'no filter pattern on this metric', notes };
  notes.push(...first.notes);
  const ref = parsePattern(control.references[0]!, Number.POSITIVE_INFINITY);
  const missed = ref.kind === 'json' ? missedEventNames(ref.root, parsed, reading) : { missed: [], total: 0 };
  const more =
    missed.missed.length === missed.total && missed.total > 1
      ? ` (misses all ${missed.total} event names)`
      : missed.missed.length > 1
        ? ` (misses ${missed.missed.length} of the ${missed.total} event names: ${missed.missed.join(', ')})`
        : '';
  return {
    outcome: 'misses',
    reason: `${first.explanation}${more}`,
    notes,
    counterexample: first.counterexample,
  };
}

/** The reference's event names whose events the patterns miss: the list a user fixes a filter with. */
export function missedEventNames(
  reference: Node,
  patterns: Pattern[],
  reading: Reading,
): { missed: string[]; total: number } {
  const names = [...new Set(eventNameLiterals(reference))];
  if (names.length < 2 || patterns.length === 0) return { missed: [], total: names.length };
  const missed = names.filter((name) => {
    const pin = parsePattern(`{ $.eventName = "${name.replace(/(["\\])/g, '\\$1')}" }`);
    if (pin.kind !== 'json') return false;
    const narrowed: Pattern = {
      kind: 'json',
      root: { type: 'and', children: [reference, pin.root] },
      text: '',
    };
    const r = covers(narrowed, patterns, { reading, compareReadings: false });
    return !r.covers && !('undecided' in r);
  });
  return { missed, total: names.length };
}

function eventNameLiterals(node: Node): string[] {
  if (!isAtom(node)) return node.children.flatMap(eventNameLiterals);
  return node.type === 'compare' &&
    node.op === '=' &&
    node.selector.key === '$.eventName' &&
    node.value.kind === 'string' &&
    !node.value.leadingStar &&
    !node.value.trailingStar
    ? [node.value.core]
    : [];
}

function exactTextCheck(
  control: CatalogControl,
  patterns: readonly string[],
  notes: string[],
  parseErrors: string[],
): FilterVerdict {
  if (parseErrors.length > 0) notes.push(...parseErrors.map((e) => `ignored: ${e}`));
  if (control.exactText) {
    if (!patterns.some((p) => sameTextIgnoringWhitespace(p, control.exactText!)))
      return {
        outcome: 'misses',
        reason: `covers the control; Security Hub still demands this exact text: ${control.exactText}`,
        notes,
      };
    return { outcome: 'covers', reason: 'the filter is the exact text Security Hub demands', notes };
  }
  const hub = securityHubText(control.id);
  if (hub && !patterns.some((p) => sameTextIgnoringWhitespace(p, hub)))
    notes.push("the text differs from Security Hub's exact pattern: Security Hub's check would fail it");
  return { outcome: 'covers', reason: 'the filter covers the reference pattern', notes };
}
