import { PatternSyntaxError } from '../../../src/core/errors.js';
import { MAX_FILTER_PATTERN_LENGTH, parsePattern } from '../../../src/core/pattern/parser.js';

function syntaxError(text: string): PatternSyntaxError {
  try {
    parsePattern(text);
  } catch (e) {
    if (e instanceof PatternSyntaxError) return e;
    throw e;
  }
  throw new Error(`expected ${text} not to parse`);
}

describe('parsePattern', () => {
  it.each([
    ['{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) }', 'or'],
    ['{ $.a = 1 && $.b = 2 }', 'and'],
    ['{$.userIdentity.type="Root"}', 'compare'],
    ['{ $.a.b[0].c = "x" }', 'compare'],
    ["{ $.['x.y'] = 1 }", 'compare'],
    ['{ $.a[*] = "x" }', 'compare'],
    ['{ $.* = "x" }', 'compare'],
    ['{ $.a IS NULL }', 'is'],
    ['{ $.a IS TRUE }', 'is'],
    ['{ $.a IS FALSE }', 'is'],
    ['{ $.userIdentity.invokedBy NOT EXISTS }', 'notExists'],
    ['{ $.latency >= 1.5e3 }', 'compare'],
    ['{ $.eventName = %^Create[A-Za-z]+$% }', 'compare'],
  ])('parses %s', (text, type) => {
    const p = parsePattern(text);
    expect(p.kind).toBe('json');
    if (p.kind === 'json') expect(p.root.type).toBe(type);
  });

  it('ignores whitespace and newlines around the braces, as Terraform heredocs deliver patterns', () => {
    const p = parsePattern(
      '\n    {\n      ($.eventName = CreateVpc) ||\n      ($.eventName = DeleteVpc)\n    }\n',
    );
    expect(p.kind).toBe('json');
  });

  it("reads `$.['x.y']` as one property name containing a dot", () => {
    const p = parsePattern("{ $.['x.y'] = 1 }");
    if (p.kind !== 'json' || p.root.type !== 'compare') throw new Error('expected a comparison');
    expect(p.root.selector.segments).toEqual([{ kind: 'name', name: 'x.y' }]);
  });

  it('gives && a tighter binding than ||, as the CloudWatch user guide says', () => {
    const p = parsePattern('{ $.a = 1 || $.b = 2 && $.c = 3 }');
    if (p.kind !== 'json' || p.root.type !== 'or') throw new Error('expected an OR at the top');
    expect(p.root.children[1]!.type).toBe('and');
  });

  it.each([
    ['{ ($.eventName = CreateVpc', "expected ')' but found the end of the pattern", 26],
    ['{ $.eventName = CreateVpc ', "expected '}' but found the end of the pattern", 26],
    ['{ $.eventName & CreateVpc }', "unexpected '&' (did you mean '&&'?)", 14],
    ['{ $.eventName = "CreateVpc }', "unterminated string: missing closing '\"'", 16],
    ['{ $.eventName = }', "expected a value after '=' but found '}'", 16],
    [
      '{ eventName = CreateVpc }',
      "expected a selector such as '$.eventName' or '(' but found 'eventName'",
      2,
    ],
    ['{ $.latency > fast }', "'>' needs a number but found 'fast'", 14],
    ['{ $.a IS MAYBE }', "expected 'NULL', 'TRUE' or 'FALSE' after IS but found 'MAYBE'", 9],
    ['{ $.a NOT THERE }', "expected 'EXISTS' after NOT but found 'THERE'", 10],
    ['{ $.a = 1 } extra', "unexpected 'extra' after '}'", 12],
    ['{ $.a = %(x)% }', "'(' is not allowed in a CloudWatch Logs regular expression", 9],
    ['{ $.a[x] = 1 }', "expected an array index, '*' or a quoted name inside '[ ]'", 5],
    ['{ ($.eventName = AcceptHandshake") }', "unterminated string: missing closing '\"'", 32],
  ])('rejects %s with "%s" at offset %d', (text, reason, offset) => {
    const e = syntaxError(text);
    expect(e.reason).toBe(reason);
    expect(e.offset).toBe(offset);
    expect(e.message).toBe(`${reason} at character ${offset + 1}`);
  });

  it('rejects a pattern longer than the 1024 characters CloudWatch accepts', () => {
    const text = `{ ${Array.from({ length: 80 }, (_, i) => `$.eventName = Name${i}`).join(' || ')} }`;
    expect(text.length).toBeGreaterThan(MAX_FILTER_PATTERN_LENGTH);
    expect(syntaxError(text).reason).toMatch(/allows at most 1024/);
  });

  it('reads the empty pattern as "every event"', () => {
    expect(parsePattern('').kind).toBe('everything');
    expect(parsePattern('   \n').kind).toBe('everything');
  });

  it('reads a term pattern with phrases, alternatives and exclusions', () => {
    expect(parsePattern('ERROR "Failed authentication" ?WARN ?FATAL -DEBUG')).toEqual({
      kind: 'terms',
      all: ['ERROR', 'Failed authentication'],
      any: ['WARN', 'FATAL'],
      none: ['DEBUG'],
      text: 'ERROR "Failed authentication" ?WARN ?FATAL -DEBUG',
    });
  });

  it('reads a bracketed pattern as space-delimited and a %…% pattern as a regex', () => {
    expect(parsePattern('[ip, user, status=4*]').kind).toBe('delimited');
    expect(parsePattern('%Unauthorized[A-Za-z]*%').kind).toBe('regex');
  });
});
