import fc from 'fast-check';
import { BENCHMARK_IDS, getBenchmark } from '../../../src/core/catalog/catalog.js';
import { PatternSyntaxError } from '../../../src/core/errors.js';
import type { Pattern } from '../../../src/core/pattern/ast.js';
import { covers } from '../../../src/core/pattern/cover.js';
import { matches } from '../../../src/core/pattern/match.js';
import { MAX_FILTER_PATTERN_LENGTH, parsePattern } from '../../../src/core/pattern/parser.js';

const references = BENCHMARK_IDS.flatMap((b) => getBenchmark(b).controls.flatMap((c) => c.references));
const parsedReferences = references.map((r) => parsePattern(r));

function parseOrSyntaxError(text: string): Pattern | undefined {
  try {
    return parsePattern(text);
  } catch (e) {
    if (e instanceof PatternSyntaxError) return undefined;
    throw e;
  }
}

/** Asserts the engine's promise about one decision: a counterexample matches the reference and no pattern. */
function checkDecision(reference: Pattern, patterns: Pattern[]): void {
  const r = covers(reference, patterns);
  if (!r.covers && 'counterexample' in r) {
    expect(matches(reference, r.counterexample)).toBe(true);
    for (const p of patterns) expect(matches(p, r.counterexample)).toBe(false);
  }
}

const MUTATIONS: Array<(s: string, i: number) => string> = [
  (s, i) => s.slice(0, i) + s.slice(i + 1),
  (s, i) => s.slice(0, i) + s.slice(Math.min(s.length, i + 17)),
  (s) => s.replace('||', '&&'),
  (s) => s.replace('&&', '||'),
  (s, i) => {
    const at = s.indexOf('=', i);
    return at > 0 && s[at - 1] !== '!' ? `${s.slice(0, at)}!${s.slice(at)}` : s;
  },
  (s, i) => `${s.slice(0, i)}*${s.slice(i)}`,
  (s, i) => `${s.slice(0, i)}"${s.slice(i)}`,
  (s, i) => `${s.slice(0, i)} && ($.recipientAccountId = "111")${s.slice(i)}`,
  (s, i) => `${s.slice(0, i)} || ($.eventName = Other)${s.slice(i)}`,
  (s, i) => `${s.slice(0, i)})${s.slice(i)}`,
  (s) => s.replace(/\(\$\.eventName\s*=\s*"?\w+"?\)\s*\|\|/, ''),
  (s, i) => `${s.slice(0, i)} NOT EXISTS ${s.slice(i)}`,
  (s, i) => `${s.slice(0, i)}%^[A-Z]+Vpc%${s.slice(i)}`,
];

describe('property: parse and cover never crash, and every counterexample is real', () => {
  it('random text either parses or raises a PatternSyntaxError', () => {
    const alphabet = fc.constantFrom(...'{}()[]$.*="&|!<>% \n\t\'aZ019_-?IS NULL NOT EXISTS'.split(''));
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: MAX_FILTER_PATTERN_LENGTH + 20 }).map((a) => a.join('')),
        (text) => {
          const p = parseOrSyntaxError(text);
          if (p) checkDecision(parsedReferences[0]!, [p]);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('mutated catalog references decide with valid counterexamples', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: references.length - 1 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: MUTATIONS.length - 1 }), fc.nat()), {
          minLength: 1,
          maxLength: 4,
        }),
        (refIndex, steps) => {
          let text = references[refIndex]!;
          for (const [m, at] of steps) text = MUTATIONS[m]!(text, at % Math.max(1, text.length));
          const mutant = parseOrSyntaxError(text);
          if (!mutant) return;
          checkDecision(parsedReferences[refIndex]!, [mutant]);
          if (mutant.kind === 'json') checkDecision(mutant, [parsedReferences[refIndex]!]);
        },
      ),
      { numRuns: 1500 },
    );
  });

  // Small random formulas over a few fields and values: "covers" is checked against random events too.
  const field = fc.constantFrom(
    '$.eventName',
    '$.eventSource',
    '$.a.b',
    '$.a',
    '$.n',
    '$.arr[*]',
    '$.objs[*].k',
  );
  const word = fc.constantFrom('A', 'B', 'AB', 'BA', 'A*', '*A', '*B*', 'x');
  const atom = fc.oneof(
    fc.tuple(field, fc.constantFrom('=', '!='), word).map(([f, op, w]) => `${f} ${op} "${w}"`),
    fc
      .tuple(
        fc.constant('$.n'),
        fc.constantFrom('=', '!=', '<', '>', '<=', '>='),
        fc.integer({ min: -2, max: 2 }),
      )
      .map(([f, op, n]) => `${f} ${op} ${n}`),
    field.map((f) => `${f} NOT EXISTS`),
    field.map((f) => `${f} IS NULL`),
  );
  const formula: fc.Arbitrary<string> = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      atom,
      fc
        .tuple(tie('node'), fc.constantFrom('&&', '||'), tie('node'))
        .map(([a, op, b]) => `(${a} ${op} ${b})`),
    ),
  })).node as fc.Arbitrary<string>;
  const value = fc.oneof(
    fc.constantFrom('A', 'B', 'AB', 'BA', 'xA', 'x', ''),
    fc.integer({ min: -3, max: 3 }),
    fc.constant(null),
  );
  const event = fc.record(
    {
      eventName: value,
      eventSource: value,
      a: fc.oneof(value, fc.record({ b: value }, { requiredKeys: [] })),
      n: value,
      arr: fc.array(value, { maxLength: 3 }),
      objs: fc.array(fc.record({ k: value }, { requiredKeys: [] }), { maxLength: 3 }),
    },
    { requiredKeys: [] },
  );

  it('random formulas: a counterexample is real, and no random event refutes "covers"', () => {
    fc.assert(
      fc.property(formula, formula, formula, fc.array(event, { maxLength: 40 }), (r, p, q, events) => {
        const ref = parsePattern(`{ ${r} }`);
        const pats = [parsePattern(`{ ${p} }`), parsePattern(`{ ${q} }`)];
        const result = covers(ref, pats);
        expect('undecided' in result).toBe(false);
        if (result.covers) {
          for (const e of events) if (matches(ref, e)) expect(pats.some((x) => matches(x, e))).toBe(true);
        } else if ('counterexample' in result) {
          expect(matches(ref, result.counterexample)).toBe(true);
          for (const x of pats) expect(matches(x, result.counterexample)).toBe(false);
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 3000) },
    );
  });
});
