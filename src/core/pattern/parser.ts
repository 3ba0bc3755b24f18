import { PatternSyntaxError } from '../errors.js';
import type { AtomNode, ComparisonOp, Node, Pattern, Selector, TermPattern, Value } from './ast.js';
import { type Token, tokenize } from './lexer.js';
import { compileRegex } from './regex.js';

/** PutMetricFilter `filterPattern`: "Length Constraints: Minimum length of 0. Maximum length of 1024." (CloudWatch Logs API Reference). */
export const MAX_FILTER_PATTERN_LENGTH = 1024;

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * Parses any CloudWatch Logs filter pattern: JSON, term, regex, or the empty pattern. The length
 * limit is CloudWatch's for a filter; a reference pattern is not a filter and may pass `Infinity`.
 */
export function parsePattern(text: string, maxLength = MAX_FILTER_PATTERN_LENGTH): Pattern {
  if (text.length > maxLength)
    throw new PatternSyntaxError(
      `the pattern is ${text.length} characters; CloudWatch Logs allows at most ${MAX_FILTER_PATTERN_LENGTH}`,
      MAX_FILTER_PATTERN_LENGTH,
    );
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'everything', text };
  if (trimmed.startsWith('{')) return { kind: 'json', root: parseJsonPattern(text), text };
  if (trimmed.startsWith('[')) return { kind: 'delimited', text };
  if (trimmed.startsWith('%') && trimmed.endsWith('%') && trimmed.length >= 2 && !/\s/.test(trimmed)) {
    const source = trimmed.slice(1, -1);
    compileRegex(source, text.indexOf('%') + 1);
    return { kind: 'regex', regex: { kind: 'regex', source, raw: trimmed }, text };
  }
  return parseTerms(text);
}

function parseTerms(text: string): TermPattern {
  const result: TermPattern = { kind: 'terms', all: [], any: [], none: [], text };
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i]!)) {
      i++;
      continue;
    }
    let bucket = result.all;
    if (text[i] === '?') {
      bucket = result.any;
      i++;
    } else if (text[i] === '-') {
      bucket = result.none;
      i++;
    }
    if (text[i] === '"') {
      const close = text.indexOf('"', i + 1);
      if (close < 0) throw new PatternSyntaxError("unterminated quoted term: missing closing '\"'", i);
      bucket.push(text.slice(i + 1, close));
      i = close + 1;
    } else {
      const start = i;
      while (i < text.length && !/\s/.test(text[i]!)) i++;
      if (i === start) throw new PatternSyntaxError('expected a term', start);
      bucket.push(text.slice(start, i));
    }
  }
  return result;
}

/** Parses a JSON filter pattern `{ … }` into its expression tree. */
export function parseJsonPattern(text: string): Node {
  const parser = new JsonParser(tokenize(text));
  return parser.parseRoot();
}

class JsonParser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.pos]!;
  }
  private next(): Token {
    const t = this.tokens[this.pos]!;
    if (t.kind !== 'eof') this.pos++;
    return t;
  }
  private expect(kind: Token['kind'], what: string): Token {
    const t = this.peek();
    if (t.kind !== kind) throw new PatternSyntaxError(`expected ${what} but found ${describe(t)}`, t.start);
    return this.next();
  }

  parseRoot(): Node {
    this.expect('lbrace', "'{'");
    const node = this.parseOr();
    this.expect('rbrace', "'}'");
    const rest = this.peek();
    if (rest.kind !== 'eof')
      throw new PatternSyntaxError(`unexpected ${describe(rest)} after '}'`, rest.start);
    return node;
  }

  // Precedence, lowest first: `||`, then `&&`, then parentheses (CloudWatch Logs user guide, JSON patterns).
  private parseOr(): Node {
    const children = [this.parseAnd()];
    while (this.peek().kind === 'or') {
      this.next();
      children.push(this.parseAnd());
    }
    return children.length === 1 ? children[0]! : { type: 'or', children };
  }

  private parseAnd(): Node {
    const children = [this.parsePrimary()];
    while (this.peek().kind === 'and') {
      this.next();
      children.push(this.parsePrimary());
    }
    return children.length === 1 ? children[0]! : { type: 'and', children };
  }

  private parsePrimary(): Node {
    const t = this.peek();
    if (t.kind === 'lparen') {
      this.next();
      const inner = this.parseOr();
      this.expect('rparen', "')'");
      return inner;
    }
    if (t.kind === 'selector') return this.parseComparison();
    throw new PatternSyntaxError(
      `expected a selector such as '$.eventName' or '(' but found ${describe(t)}`,
      t.start,
    );
  }

  private parseComparison(): AtomNode {
    const selTok = this.next();
    const selector = selTok.selector as Selector;
    const t = this.peek();
    if (t.kind === 'word' && t.text.toUpperCase() === 'IS') {
      this.next();
      const what = this.expect('word', "'NULL', 'TRUE' or 'FALSE' after IS");
      const upper = what.text.toUpperCase();
      if (upper !== 'NULL' && upper !== 'TRUE' && upper !== 'FALSE')
        throw new PatternSyntaxError(
          `expected 'NULL', 'TRUE' or 'FALSE' after IS but found '${what.text}'`,
          what.start,
        );
      return {
        type: 'is',
        selector,
        what: upper.toLowerCase() as 'null' | 'true' | 'false',
        start: selTok.start,
        end: what.end,
      };
    }
    if (t.kind === 'word' && t.text.toUpperCase() === 'NOT') {
      this.next();
      const exists = this.expect('word', "'EXISTS' after NOT");
      if (exists.text.toUpperCase() !== 'EXISTS')
        throw new PatternSyntaxError(`expected 'EXISTS' after NOT but found '${exists.text}'`, exists.start);
      return { type: 'notExists', selector, start: selTok.start, end: exists.end };
    }
    if (t.kind !== 'op')
      throw new PatternSyntaxError(
        `expected an operator (=, !=, <, >, <=, >=, IS, NOT EXISTS) after ${selTok.text} but found ${describe(t)}`,
        t.start,
      );
    this.next();
    const op = t.text as ComparisonOp;
    const v = this.next();
    return { type: 'compare', selector, op, value: toValue(op, v), start: selTok.start, end: v.end };
  }
}

function toValue(op: ComparisonOp, t: Token): Value {
  const numericOnly = op !== '=' && op !== '!=';
  if (t.kind === 'regex') {
    if (numericOnly)
      throw new PatternSyntaxError(`'${op}' needs a number, not a regular expression`, t.start);
    compileRegex(t.value, t.start + 1);
    return { kind: 'regex', source: t.value, raw: t.text };
  }
  if (t.kind === 'word' && NUMBER.test(t.text)) return { kind: 'number', value: Number(t.text), raw: t.text };
  if (numericOnly) throw new PatternSyntaxError(`'${op}' needs a number but found ${describe(t)}`, t.start);
  if (t.kind !== 'string' && t.kind !== 'word')
    throw new PatternSyntaxError(`expected a value after '${op}' but found ${describe(t)}`, t.start);
  return stringValue(t.value, t.text);
}

/** A string operand: a `*` at the start or end is a wildcard, any other `*` is literal text. */
export function stringValue(text: string, raw: string): Value {
  let core = text;
  const leadingStar = core.startsWith('*');
  if (leadingStar) core = core.slice(1);
  const trailingStar = core.endsWith('*');
  if (trailingStar) core = core.slice(0, -1);
  return { kind: 'string', core, leadingStar, trailingStar, raw };
}

function describe(t: Token): string {
  return t.kind === 'eof' ? 'the end of the pattern' : `'${t.text}'`;
}
