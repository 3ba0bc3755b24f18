import { createInterface } from 'node:readline';
import type { Reading } from '../core/pattern/cover.js';
import { decideCoverage } from '../core/pattern/coverage.js';

/** Answers one `coverage --jsonl` input line; never throws. */
export function answerCoverageLine(line: string, reading: Reading = 'strict'): string {
  try {
    let input: unknown;
    try {
      input = JSON.parse(line);
    } catch {
      return JSON.stringify({ covers: false, error: 'the line is not valid JSON' });
    }
    const obj = input as { reference?: unknown; patterns?: unknown };
    if (
      typeof input !== 'object' ||
      input === null ||
      Array.isArray(input) ||
      typeof obj.reference !== 'string'
    )
      return JSON.stringify({ covers: false, error: 'expected an object with a string "reference"' });
    if (!Array.isArray(obj.patterns) || obj.patterns.some((p) => typeof p !== 'string'))
      return JSON.stringify({ covers: false, error: 'expected "patterns" to be an array of strings' });
    return JSON.stringify(decideCoverage(obj.reference, obj.patterns as string[], reading));
  } catch (e) {
    return JSON.stringify({ covers: false, error: `internal error: ${(e as Error).message}` });
  }
}

/** Reads JSON lines from stdin and writes exactly one answer line per input line, in order. */
export async function runCoverageJsonl(reading: Reading): Promise<void> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of rl) process.stdout.write(`${answerCoverageLine(line, reading)}\n`);
}
