// CloudWatch's regex subset (user guide, "Supported regular expressions syntax") and the automata the
// coverage decision runs on. No groups exist in the subset, so `|` always splits the whole expression.
import { PatternSyntaxError } from '../errors.js';
import type { StringValue } from './ast.js';

/** A set of code points as sorted, disjoint, inclusive ranges. */
export type CharSet = ReadonlyArray<readonly [number, number]>;

const MAX_CODE_POINT = 0x10ffff;
export const ANY_CHAR: CharSet = [[0, MAX_CODE_POINT]];
const NEWLINES = [10, 13, 0x2028, 0x2029];
const DOT: CharSet = complement(NEWLINES.map((c) => [c, c] as const));
const DIGIT: CharSet = [[48, 57]];
const WORD: CharSet = [
  [48, 57],
  [65, 90],
  [95, 95],
  [97, 122],
];
const SPACE: CharSet = normalize([
  [9, 13],
  [32, 32],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
]);
/** Bounded repetition larger than this is not expanded into states. */
const MAX_REPEAT = 1000;
// "Filter patterns with regex can only include": alphanumerics, these symbols, and these operators.
const ALLOWED = /^[A-Za-z0-9:_#=@/;,\-^$?[\]{}|\\*+.]$/;

export interface RegexItem {
  set: CharSet;
  min: number;
  max: number;
}
export interface RegexAlternative {
  anchoredStart: boolean;
  anchoredEnd: boolean;
  items: RegexItem[];
}

/** Parses a `%regex%` body into alternatives; throws PatternSyntaxError at `offset` + index. */
export function compileRegex(source: string, offset = 0): RegexAlternative[] {
  if (source === '') throw new PatternSyntaxError('empty regular expression', offset);
  const alternatives: RegexAlternative[] = [];
  let current: RegexAlternative = { anchoredStart: false, anchoredEnd: false, items: [] };
  let i = 0;
  const fail = (why: string, at: number): never => {
    throw new PatternSyntaxError(why, offset + at);
  };
  while (i < source.length) {
    const c = source[i]!;
    if (!ALLOWED.test(c)) fail(`'${c}' is not allowed in a CloudWatch Logs regular expression`, i);
    if (c === '|') {
      alternatives.push(current);
      current = { anchoredStart: false, anchoredEnd: false, items: [] };
      i++;
      continue;
    }
    if (c === '^') {
      if (current.items.length === 0 && !current.anchoredStart) current.anchoredStart = true;
      else current.items.push({ set: [], min: 1, max: 1 });
      i++;
      continue;
    }
    if (c === '$') {
      const atEnd = i + 1 === source.length || source[i + 1] === '|';
      if (atEnd) current.anchoredEnd = true;
      else current.items.push({ set: [], min: 1, max: 1 });
      i++;
      continue;
    }
    let set: CharSet;
    if (c === '.') {
      set = DOT;
      i++;
    } else if (c === '\\') {
      if (i + 1 >= source.length) fail('a regular expression cannot end with \\', i);
      set = escapeSet(source[i + 1]!);
      i += 2;
    } else if (c === '[') {
      [set, i] = parseClass(source, i, fail);
    } else if (c === '*' || c === '+' || c === '?' || c === '{') {
      return fail(`'${c}' has nothing to repeat`, i);
    } else if (c === ']' || c === '}') {
      set = single(c.codePointAt(0)!);
      i++;
    } else {
      set = single(c.codePointAt(0)!);
      i++;
    }
    let min = 1;
    let max = 1;
    const q = source[i];
    if (q === '*') [min, max, i] = [0, Number.POSITIVE_INFINITY, i + 1];
    else if (q === '+') [min, max, i] = [1, Number.POSITIVE_INFINITY, i + 1];
    else if (q === '?') [min, max, i] = [0, 1, i + 1];
    else if (q === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
      if (!m) fail("expected '{m}', '{m,}' or '{m,n}'", i);
      min = Number(m![1]);
      max = m![2] === undefined ? min : m![3] === '' ? Number.POSITIVE_INFINITY : Number(m![3]);
      if (max < min) fail('repetition {m,n} needs m <= n', i);
      if (min > MAX_REPEAT || (Number.isFinite(max) && max > MAX_REPEAT))
        fail(`repetition above ${MAX_REPEAT} is not supported`, i);
      i += m![0].length;
    }
    if (source[i] === '?' && q !== undefined && '*+?{'.includes(q)) i++; // a lazy marker does not change what matches
    current.items.push({ set, min, max });
  }
  alternatives.push(current);
  return alternatives;
}

function parseClass(
  source: string,
  start: number,
  fail: (why: string, at: number) => never,
): [CharSet, number] {
  let i = start + 1;
  let negated = false;
  if (source[i] === '^') {
    negated = true;
    i++;
  }
  const ranges: Array<readonly [number, number]> = [];
  let first = true;
  for (;;) {
    if (i >= source.length) fail("unterminated character class: missing ']'", start);
    const c = source[i]!;
    if (c === ']' && !first) {
      i++;
      break;
    }
    first = false;
    let lo: number;
    if (c === '\\') {
      if (i + 1 >= source.length) fail('a regular expression cannot end with \\', i);
      const s = escapeSet(source[i + 1]!);
      i += 2;
      if (s.length !== 1 || s[0]![0] !== s[0]![1]) {
        ranges.push(...s);
        continue;
      }
      lo = s[0]![0];
    } else {
      lo = c.codePointAt(0)!;
      i++;
    }
    if (source[i] === '-' && source[i + 1] !== undefined && source[i + 1] !== ']') {
      let hi: number;
      if (source[i + 1] === '\\') {
        const s = escapeSet(source[i + 2] ?? '');
        hi = s[0]?.[0] ?? 0;
        i += 3;
      } else {
        hi = source[i + 1]!.codePointAt(0)!;
        i += 2;
      }
      if (hi < lo) fail('character range out of order', i);
      ranges.push([lo, hi]);
    } else ranges.push([lo, lo]);
  }
  const set = normalize(ranges);
  return [negated ? complement(set) : set, i];
}

function escapeSet(c: string): CharSet {
  switch (c) {
    case 'd':
      return DIGIT;
    case 'D':
      return complement(DIGIT);
    case 'w':
      return WORD;
    case 'W':
      return complement(WORD);
    case 's':
      return SPACE;
    case 'S':
      return complement(SPACE);
    case 't':
      return single(9);
    case 'n':
      return single(10);
    case 'r':
      return single(13);
    default:
      return single(c.codePointAt(0)!);
  }
}

function single(c: number): CharSet {
  return [[c, c]];
}

function normalize(ranges: ReadonlyArray<readonly [number, number]>): CharSet {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

function complement(set: CharSet): CharSet {
  const n = normalize(set);
  const out: Array<[number, number]> = [];
  let next = 0;
  for (const [lo, hi] of n) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

/** True when code point `c` is in `set`. */
export function inSet(set: CharSet, c: number): boolean {
  for (const [lo, hi] of set) {
    if (c < lo) return false;
    if (c <= hi) return true;
  }
  return false;
}

/** A nondeterministic automaton that accepts whole strings; edges carry character sets. */
export interface Nfa {
  start: number;
  accept: number;
  edges: Array<Array<{ set: CharSet; to: number }>>;
  eps: number[][];
}

function buildNfa(alternatives: RegexAlternative[]): Nfa {
  const nfa: Nfa = { start: 0, accept: 1, edges: [[], []], eps: [[], []] };
  const state = () => {
    nfa.edges.push([]);
    nfa.eps.push([]);
    return nfa.edges.length - 1;
  };
  const anyLoop = (from: number) => {
    nfa.edges[from]!.push({ set: ANY_CHAR, to: from });
  };
  for (const alt of alternatives) {
    let cur = state();
    nfa.eps[nfa.start]!.push(cur);
    if (!alt.anchoredStart) anyLoop(cur);
    for (const item of alt.items) {
      for (let k = 0; k < item.min; k++) {
        const n = state();
        nfa.edges[cur]!.push({ set: item.set, to: n });
        cur = n;
      }
      if (item.max === Number.POSITIVE_INFINITY) {
        nfa.edges[cur]!.push({ set: item.set, to: cur });
      } else {
        const end = state();
        for (let k = item.min; k < item.max; k++) {
          nfa.eps[cur]!.push(end);
          const n = state();
          nfa.edges[cur]!.push({ set: item.set, to: n });
          cur = n;
        }
        nfa.eps[cur]!.push(end);
        cur = end;
      }
    }
    if (!alt.anchoredEnd) {
      const tail = state();
      nfa.eps[cur]!.push(tail);
      anyLoop(tail);
      cur = tail;
    }
    nfa.eps[cur]!.push(nfa.accept);
  }
  return nfa;
}

/** The automaton of an unanchored `%regex%` search. */
export function regexNfa(source: string): Nfa {
  return buildNfa(compileRegex(source));
}

/** The automaton of a `=` string operand with its `*` wildcards. */
export function stringValueNfa(value: StringValue): Nfa {
  const items: RegexItem[] = [...value.core].map((ch) => ({
    set: single(ch.codePointAt(0)!),
    min: 1,
    max: 1,
  }));
  return buildNfa([{ anchoredStart: !value.leadingStar, anchoredEnd: !value.trailingStar, items }]);
}

/** True when `text` matches a `%regex%` search; the executable semantics use the JavaScript engine. */
export function searchRegex(source: string, text: string): boolean {
  return toJsRegExp(source).test(text);
}

const jsCache = new Map<string, RegExp>();
function toJsRegExp(source: string): RegExp {
  let re = jsCache.get(source);
  if (!re) {
    re = new RegExp(source);
    jsCache.set(source, re);
  }
  return re;
}
