import { type BenchmarkId, type ControlId, getBenchmark } from '../../src/core/catalog/catalog.js';
import { type CoverResult, covers, type Reading } from '../../src/core/pattern/cover.js';
import { matches } from '../../src/core/pattern/match.js';
import { parsePattern } from '../../src/core/pattern/parser.js';

/** The reference texts of one control in one benchmark. */
export function referencesOf(benchmark: BenchmarkId, control: ControlId): string[] {
  const c = getBenchmark(benchmark).controls.find((x) => x.id === control);
  if (!c) throw new Error(`${control} is not in ${benchmark}`);
  return c.references;
}

/**
 * Decides coverage and checks the engine's own promises on the way: a counterexample matches the
 * reference and none of the patterns.
 */
export function decide(reference: string, patterns: string[], reading: Reading = 'strict'): CoverResult {
  const ref = parsePattern(reference);
  const parsed = patterns.map((p) => parsePattern(p));
  const result = covers(ref, parsed, { reading });
  if (!result.covers && 'counterexample' in result) {
    expect(matches(ref, result.counterexample)).toBe(true);
    for (const p of parsed) expect(matches(p, result.counterexample)).toBe(false);
  }
  return result;
}

/** 'covers', 'misses' or 'undecided'. */
export function verdictOf(result: CoverResult): 'covers' | 'misses' | 'undecided' {
  if (result.covers) return 'covers';
  return 'undecided' in result ? 'undecided' : 'misses';
}
