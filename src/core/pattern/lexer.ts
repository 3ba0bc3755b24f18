import { PatternSyntaxError } from '../errors.js';
import type { Segment, Selector } from './ast.js';

export type TokenKind =
  | 'lbrace'
  | 'rbrace'
  | 'lparen'
  | 'rparen'
  | 'and'
  | 'or'
  | 'op'
  | 'selector'
  | 'string'
  | 'regex'
  | 'word'
  | 'eof';

export interface Token {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
  /** Decoded text of a quoted string (escapes resolved); for other tokens the raw text. */
  value: string;
  selector?: Selector;
}

const WHITESPACE = /\s/;
// Characters that end a bare word or a selector name: they belong to the grammar.
const WORD_STOP = new Set([' ', '\t', '\n', '\r', '(', ')', '{', '}', '&', '|', '=', '!', '<', '>', '"']);
const NAME_STOP = new Set([...WORD_STOP, '.', '[', ']']);

/** Splits the inside of a JSON filter pattern into tokens; offsets index the whole pattern text. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, start: number, end: number, value?: string, selector?: Selector) => {
    const token: Token = {
      kind,
      text: text.slice(start, end),
      start,
      end,
      value: value ?? text.slice(start, end),
    };
    if (selector) token.selector = selector;
    tokens.push(token);
  };
  while (i < text.length) {
    const c = text[i]!;
    if (WHITESPACE.test(c)) {
      i++;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (c === '{') push('lbrace', i, ++i);
    else if (c === '}') push('rbrace', i, ++i);
    else if (c === '(') push('lparen', i, ++i);
    else if (c === ')') push('rparen', i, ++i);
    else if (two === '&&' || two === '||' || two === '!=' || two === '<=' || two === '>=') {
      push(two === '&&' ? 'and' : two === '||' ? 'or' : 'op', i, i + 2);
      i += 2;
    } else if (c === '=' || c === '<' || c === '>') push('op', i, ++i);
    else if (c === '&' || c === '|' || c === '!')
      throw new PatternSyntaxError(`unexpected '${c}' (did you mean '${c === '!' ? '!=' : c + c}'?)`, i);
    else if (c === '"') {
      const start = i;
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length)
          throw new PatternSyntaxError("unterminated string: missing closing '\"'", start);
        const d = text[i]!;
        if (d === '\\' && i + 1 < text.length) {
          value += text[i + 1];
          i += 2;
        } else if (d === '"') {
          i++;
          break;
        } else {
          value += d;
          i++;
        }
      }
      push('string', start, i, value);
    } else if (c === '%') {
      const start = i;
      const close = text.indexOf('%', i + 1);
      if (close < 0)
        throw new PatternSyntaxError("unterminated regular expression: missing closing '%'", start);
      i = close + 1;
      push('regex', start, i, text.slice(start + 1, close));
    } else if (c === '$') {
      const start = i;
      const [selector, end] = readSelector(text, i);
      i = end;
      push('selector', start, i, undefined, selector);
    } else {
      const start = i;
      while (i < text.length && !WORD_STOP.has(text[i]!)) i++;
      push('word', start, i);
    }
  }
  push('eof', text.length, text.length);
  return tokens;
}

function readSelector(text: string, start: number): [Selector, number] {
  const segments: Segment[] = [];
  let i = start + 1;
  for (;;) {
    const c = text[i];
    if (c === '.') {
      i++;
      if (text[i] === '*') {
        segments.push({ kind: 'any' });
        i++;
      } else if (text[i] === '[') {
      } else {
        const nameStart = i;
        while (i < text.length && !NAME_STOP.has(text[i]!)) i++;
        if (i === nameStart) throw new PatternSyntaxError("expected a property name after '.'", nameStart);
        segments.push({ kind: 'name', name: text.slice(nameStart, i) });
      }
    } else if (c === '[') {
      const open = i;
      i++;
      if (text[i] === '*' && text[i + 1] === ']') {
        segments.push({ kind: 'any' });
        i += 2;
      } else if (text[i] === "'" || text[i] === '"') {
        const quote = text[i]!;
        const close = text.indexOf(quote, i + 1);
        if (close < 0)
          throw new PatternSyntaxError(`unterminated property name: missing closing ${quote}`, i);
        const name = text.slice(i + 1, close);
        i = close + 1;
        if (text[i] !== ']') throw new PatternSyntaxError("expected ']'", i);
        i++;
        segments.push({ kind: 'name', name });
      } else {
        const digits = /^\d+/.exec(text.slice(i));
        if (!digits || text[i + digits[0].length] !== ']')
          throw new PatternSyntaxError("expected an array index, '*' or a quoted name inside '[ ]'", open);
        segments.push({ kind: 'index', index: Number(digits[0]) });
        i += digits[0].length + 1;
      }
    } else break;
  }
  if (segments.length === 0) throw new PatternSyntaxError("expected a selector such as '$.eventName'", start);
  return [{ segments, key: selectorKey(segments) }, i];
}

/** The canonical text of a selector. */
export function selectorKey(segments: Segment[]): string {
  let key = '$';
  for (const s of segments) {
    if (s.kind === 'any') key += '[*]';
    else if (s.kind === 'index') key += `[${s.index}]`;
    else key += /^[A-Za-z0-9_@:-]+$/.test(s.name) ? `.${s.name}` : `['${s.name}']`;
  }
  return key;
}
