import { matches } from '../../../src/core/pattern/match.js';
import { parsePattern } from '../../../src/core/pattern/parser.js';

const m = (pattern: string, event: unknown) => matches(parsePattern(pattern), event);

// Each row names the rule of the CloudWatch Logs user guide ("Filter pattern syntax", JSON patterns) it follows.
describe('matches', () => {
  it.each([
    // Precedence: the guide's own example, `{ $.a = 1 || $.b = 2 && $.c = 3 }` reads `a || (b && c)`.
    ['precedence: && before ||', '{ $.a = 1 || $.b = 2 && $.c = 3 }', { a: 1, b: 0, c: 0 }, true],
    ['precedence: && before ||', '{ $.a = 1 || $.b = 2 && $.c = 3 }', { a: 0, b: 2, c: 0 }, false],
    ['parentheses override precedence', '{ ($.a = 1 || $.b = 2) && $.c = 3 }', { a: 1, b: 0, c: 0 }, false],
    // A selector that does not resolve to a scalar fails both = and !=.
    ['!= on a missing field does not match', '{ $.errorCode != "AccessDenied" }', {}, false],
    ['= on a missing field does not match', '{ $.errorCode = "AccessDenied" }', {}, false],
    [
      '!= on an object does not match',
      '{ $.requestParameters != "x" }',
      { requestParameters: { a: 1 } },
      false,
    ],
    [
      '!= on a different string matches',
      '{ $.errorCode != "AccessDenied" }',
      { errorCode: 'Throttling' },
      true,
    ],
    // NOT EXISTS is true only when the selector does not resolve.
    ['NOT EXISTS on a missing field', '{ $.userIdentity.invokedBy NOT EXISTS }', { userIdentity: {} }, true],
    [
      'NOT EXISTS on a null field',
      '{ $.userIdentity.invokedBy NOT EXISTS }',
      { userIdentity: { invokedBy: null } },
      false,
    ],
    ['NOT EXISTS when the parent is missing', '{ $.userIdentity.invokedBy NOT EXISTS }', {}, true],
    // IS NULL only for an explicit null; IS TRUE / IS FALSE for JSON booleans.
    ['IS NULL on null', '{ $.a IS NULL }', { a: null }, true],
    ['IS NULL on a missing field', '{ $.a IS NULL }', {}, false],
    ['IS TRUE on true', '{ $.a IS TRUE }', { a: true }, true],
    ['IS TRUE on the string "true"', '{ $.a IS TRUE }', { a: 'true' }, false],
    ['IS FALSE on false', '{ $.a IS FALSE }', { a: false }, true],
    // `*` is a wildcard at the start and/or end; "Ev*ent will only match the actual string Ev*ent".
    ['trailing wildcard', '{ $.errorCode = "AccessDenied*" }', { errorCode: 'AccessDeniedException' }, true],
    [
      'leading wildcard',
      '{ $.errorCode = "*UnauthorizedOperation" }',
      { errorCode: 'Client.UnauthorizedOperation' },
      true,
    ],
    ['both wildcards', '{ $.eventName = "*Vpc*" }', { eventName: 'CreateVpcPeeringConnection' }, true],
    ['a middle * is literal', '{ $.a = "Ev*ent" }', { a: 'Event' }, false],
    ['a middle * matches itself', '{ $.a = "Ev*ent" }', { a: 'Ev*ent' }, true],
    // Values and property names are case sensitive.
    ['values are case sensitive', '{ $.eventName = ConsoleLogin }', { eventName: 'consolelogin' }, false],
    [
      'property names are case sensitive',
      '{ $.EventName = ConsoleLogin }',
      { eventName: 'ConsoleLogin' },
      false,
    ],
    // Only double quotes delimit strings: single quotes are part of the value.
    ['single quotes are literal', "{ $.eventName = 'ConsoleLogin' }", { eventName: 'ConsoleLogin' }, false],
    [
      'single quotes match themselves',
      "{ $.eventName = 'ConsoleLogin' }",
      { eventName: "'ConsoleLogin'" },
      true,
    ],
    ['double quotes delimit', '{ $.eventName = "ConsoleLogin" }', { eventName: 'ConsoleLogin' }, true],
    // Arrays: an index, and [*] for any element.
    ['array index', '{ $.a[1] = "y" }', { a: ['x', 'y'] }, true],
    ['array index out of range', '{ $.a[2] = "y" }', { a: ['x', 'y'] }, false],
    ['[*] matches any element', '{ $.a[*].b = "y" }', { a: [{ b: 'x' }, { b: 'y' }] }, true],
    ['an array itself is not a scalar', '{ $.a = "x" }', { a: ['x'] }, false],
    // Numeric comparisons and number formats.
    ['numeric >=', '{ $.latency >= 100 }', { latency: 100 }, true],
    ['numeric <', '{ $.latency < 1e2 }', { latency: 99.5 }, true],
    ['numeric = with a decimal', '{ $.x = 1.0 }', { x: 1 }, true],
    ['negative numbers', '{ $.x > -5 }', { x: -4 }, true],
    ['numeric comparison on a string fails', '{ $.latency > 1 }', { latency: '5' }, false],
    // %regex% is an unanchored search in the documented subset.
    ['regex searches anywhere', '{ $.eventName = %Vpc% }', { eventName: 'CreateVpcPeering' }, true],
    ['regex anchors', '{ $.eventName = %^Vpc% }', { eventName: 'CreateVpc' }, false],
    ['regex classes and repetition', '{ $.ip = %\\d{1,3}\\.\\d{1,3}% }', { ip: 'x10.20' }, true],
    ['regex !=', '{ $.eventName != %^Get% }', { eventName: 'PutObject' }, true],
  ])('%s: %s on %j → %s', (_rule, pattern, event, expected) => {
    expect(m(pattern, event)).toBe(expected);
  });

  it.each([
    ['the empty pattern matches every event', '', true],
    ['a term must appear in the raw text', 'ConsoleLogin', true],
    ['every term must appear', 'ConsoleLogin Missing', false],
    ['a quoted phrase is one term', '"Failed authentication"', true],
    ['an excluded term must not appear', 'ConsoleLogin -Failed', false],
    ['an excluded term that is absent does not block', 'ConsoleLogin -Missing', true],
    ['one of the ?terms must appear', '?Nope ?ConsoleLogin', true],
  ])('%s', (_rule, pattern, expected) => {
    expect(m(pattern, { eventName: 'ConsoleLogin', errorMessage: 'Failed authentication' })).toBe(expected);
  });
});
