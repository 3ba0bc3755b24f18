import { answerCoverageLine } from '../../src/cli/coverage-command.js';

const answer = (line: unknown) =>
  JSON.parse(answerCoverageLine(typeof line === 'string' ? line : JSON.stringify(line)));

describe('coverage --jsonl, one line', () => {
  const reference = '{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) }';

  it('answers {"covers": true} for a covering filter', () => {
    expect(answer({ reference, patterns: ['{$.eventName="*Vpc"}'] })).toEqual({ covers: true });
  });

  it('answers a counterexample and an explanation for a filter that misses', () => {
    const a = answer({ reference, patterns: ['{ $.eventName = CreateVpc }'] });
    expect(a).toEqual({
      covers: false,
      counterexample: { eventName: 'DeleteVpc' },
      explanation: expect.stringContaining('DeleteVpc'),
    });
  });

  it('answers undecided for a space-delimited filter', () => {
    expect(answer({ reference, patterns: ['[a, b]'] })).toMatchObject({ covers: false, undecided: true });
  });

  it.each([
    ['a line that is not JSON', 'nope'],
    ['an empty line', ''],
    ['a missing reference', { patterns: [] }],
    ['patterns that are not strings', { reference, patterns: [1] }],
    ['a reference that does not parse', { reference: '{ $.a = ', patterns: [] }],
  ])('answers an error for %s', (_case, line) => {
    expect(answer(line)).toEqual({ covers: false, error: expect.any(String) });
  });

  it('says a pattern that does not parse does not cover, with the parse error', () => {
    const a = answer({ reference, patterns: ['{ $.eventName = CreateVpc'] });
    expect(a.covers).toBe(false);
    expect(a.error).toBeUndefined();
    expect(a.explanation).toMatch(/does not parse: expected '}'/);
  });
});

describe('coverage --jsonl, long references', () => {
  it('decides a reference longer than 1024 characters: the limit is for deployed filters', () => {
    const names = Array.from({ length: 80 }, (_, i) => `EventName${i}`);
    const reference = `{ ${names.map((n) => `$.eventName = ${n}`).join(' || ')} }`;
    expect(reference.length).toBeGreaterThan(1024);
    expect(answer({ reference, patterns: ['{ $.eventName = "EventName*" }'] })).toEqual({ covers: true });
  });

  it('says a pattern over 1024 characters does not parse', () => {
    const long = `{ ${Array.from({ length: 80 }, (_, i) => `$.eventName = E${i}`).join(' || ')} }`;
    expect(answer({ reference: '{ $.eventName = E1 }', patterns: [long] }).explanation).toMatch(
      /at most 1024/,
    );
  });
});
