import { PatternSyntaxError } from '../errors.js';
import type { Pattern } from './ast.js';
import { type CoverResult, covers, type Reading } from './cover.js';
import { parsePattern } from './parser.js';

/** The `coverage --jsonl` answer for one line (design.md, "Contracts"). */
export type CoverageAnswer =
  | { covers: true }
  | { covers: false; counterexample: Record<string, unknown>; explanation: string }
  | { covers: false; undecided: true; why: string }
  | { covers: false; error: string }
  | { covers: false; explanation: string };

/** Decides coverage from pattern texts: a reference that does not parse is an error, a pattern that does not parse does not cover. */
export function decideCoverage(
  reference: string,
  patterns: readonly string[],
  reading: Reading = 'strict',
): CoverageAnswer {
  let ref: Pattern;
  try {
    ref = parsePattern(reference, Number.POSITIVE_INFINITY);
  } catch (e) {
    if (e instanceof PatternSyntaxError) return { covers: false, error: `reference: ${e.message}` };
    throw e;
  }
  const parsed: Pattern[] = [];
  const parseErrors: string[] = [];
  patterns.forEach((text, i) => {
    try {
      parsed.push(parsePattern(text));
    } catch (e) {
      if (!(e instanceof PatternSyntaxError)) throw e;
      parseErrors.push(`pattern ${i + 1} does not parse: ${e.message}`);
    }
  });
  if (parsed.length === 0)
    return { covers: false, explanation: parseErrors.join('; ') || 'no filter patterns were given' };
  const result: CoverResult = covers(ref, parsed, { reading, compareReadings: false });
  // Exactly the contract's fields: consumers compare these lines as data.
  if (result.covers) return { covers: true };
  if ('undecided' in result)
    return { covers: false, undecided: true, why: [result.why, ...parseErrors].join('; ') };
  return {
    covers: false,
    counterexample: result.counterexample,
    explanation: [result.explanation, ...parseErrors].join('; '),
  };
}
