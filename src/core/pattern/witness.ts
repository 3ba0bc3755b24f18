// For one selector, a finite set of values that realises every combination of its comparisons' truth
// values that any value can realise: the partition the coverage search walks instead of sampling.
import type { AtomNode, Value } from './ast.js';
import { testAtomValue } from './match.js';
import { type CharSet, inSet, type Nfa, regexNfa, stringValueNfa } from './regex.js';

/** One representative value; `absent` stands for "the selector does not resolve". */
export interface Witness {
  value: unknown;
  absent: boolean;
  container?: 'object' | 'array';
  /** Truth of each of the selector's atoms on this value, by the selector's atom index. */
  truth: boolean[];
  /** The value is pinned by a true exact `=` comparison: every event of its class carries this text. */
  forced: boolean;
  /** For a selector through `[*]`: the values of the elements it reaches (none: it does not resolve). */
  elements?: unknown[];
}

/** Element sets explored for one wildcard selector before giving up on exactness. */
const MAX_ELEMENT_SETS = 20_000;

/**
 * Witnesses of a selector through one `[*]`: sets of element values. A comparison holds when some
 * element satisfies it and NOT EXISTS when there is none, so a set's truth is the OR of its elements'
 * truths; sets up to one element per atom reach every combination, which are kept once each.
 */
export function buildElementSetWitnesses(
  atoms: readonly AtomNode[],
  single: Witness[],
): Witness[] | undefined {
  const elements = single.filter((w) => !w.absent && !w.container);
  const maxSize = Math.max(1, atoms.filter((a) => a.type !== 'notExists').length);
  const out: Witness[] = [];
  const seen = new Set<string>();
  let explored = 0;
  const visit = (chosen: number[], start: number): boolean => {
    if (++explored > MAX_ELEMENT_SETS) return false;
    const truth = atoms.map((a, i) =>
      a.type === 'notExists' ? chosen.length === 0 : chosen.some((c) => elements[c]!.truth[i]),
    );
    const key = truth.map((t) => (t ? '1' : '0')).join('');
    if (!seen.has(key)) {
      seen.add(key);
      const values = chosen.map((c) => elements[c]!.value);
      out.push({ value: values, absent: chosen.length === 0, truth, forced: false, elements: values });
    }
    if (chosen.length >= maxSize) return true;
    for (let i = start; i < elements.length; i++) if (!visit([...chosen, i], i + 1)) return false;
    return true;
  };
  return visit([], 0) ? out : undefined;
}

export class UndecidedError extends Error {
  override readonly name = 'UndecidedError';
}

/** Product-automaton states explored for one selector before giving up as undecided. */
const MAX_PRODUCT_STATES = 50_000;
const FRESH_STRING = 'OtherValue';

export interface WitnessOptions {
  /** Only these string values (and absence when `optional`): a closed CloudTrail field. */
  closed?: { values: readonly string[]; optional: boolean };
  /** The field is always present as a string. */
  requiredString?: boolean;
  /** Extra string values to keep as their own witnesses even when they share a class. */
  keepStrings?: readonly string[];
  /** Realistic values tried before a made-up one, so counterexamples read like real events. */
  preferStrings?: readonly string[];
  /** Leave string values out: the search decides them lazily with `solveStrings`. */
  lazyStrings?: boolean;
  /** Other selectors extend this one: it may have to be an object or an array. */
  container?: { object: boolean; array: boolean };
}

/** Builds the witness values of a selector from the comparisons made on it. */
export function buildWitnesses(atoms: readonly AtomNode[], options: WitnessOptions = {}): Witness[] {
  const candidates: Array<{
    value: unknown;
    absent?: boolean;
    container?: 'object' | 'array';
    keep?: boolean;
  }> = [];
  if (options.closed) {
    if (options.closed.optional) candidates.push({ value: undefined, absent: true });
    for (const v of options.closed.values) candidates.push({ value: v, keep: true });
  } else {
    if (!options.requiredString) {
      candidates.push(
        { value: undefined, absent: true },
        { value: null },
        { value: true },
        { value: false },
        { value: {} },
      );
      for (const n of numberCandidates(atoms)) candidates.push({ value: n });
    }
    for (const s of options.keepStrings ?? []) candidates.push({ value: s, keep: true });
    if (!options.lazyStrings)
      for (const s of stringCandidates(atoms, options.preferStrings)) candidates.push({ value: s });
    if (!options.requiredString) {
      if (options.container?.object) candidates.push({ value: {}, container: 'object', keep: true });
      if (options.container?.array) candidates.push({ value: [], container: 'array', keep: true });
    }
  }
  const seen = new Set<string>();
  const out: Witness[] = [];
  for (const c of candidates) {
    const truth = atoms.map((a) => testAtomValue(a, c.absent ? undefined : c.value));
    const key = truth.map((t) => (t ? '1' : '0')).join('');
    if (!c.keep && seen.has(key)) continue;
    seen.add(key);
    const forced = atoms.some(
      (a, i) =>
        truth[i] &&
        a.type === 'compare' &&
        a.op === '=' &&
        (a.value.kind === 'number' ||
          (a.value.kind === 'string' && !a.value.leadingStar && !a.value.trailingStar)),
    );
    const w: Witness = { value: c.value, absent: c.absent === true, truth, forced };
    if (c.container) w.container = c.container;
    out.push(w);
  }
  return out;
}

function numberCandidates(atoms: readonly AtomNode[]): number[] {
  const constants = [
    ...new Set(
      atoms.flatMap((a) => (a.type === 'compare' && a.value.kind === 'number' ? [a.value.value] : [])),
    ),
  ].sort((a, b) => a - b);
  if (constants.length === 0) return [0];
  const out = [constants[0]! - 1, constants[constants.length - 1]! + 1];
  constants.forEach((c, i) => {
    out.push(c);
    const next = constants[i + 1];
    if (next !== undefined) out.push((c + next) / 2);
  });
  return out;
}

function stringTests(atoms: readonly AtomNode[]): Value[] {
  return atoms.flatMap((a) => (a.type === 'compare' && a.value.kind !== 'number' ? [a.value] : []));
}

/** True when a selector's string comparisons are all exact: its string values can be enumerated. */
export function hasOnlyExactStrings(atoms: readonly AtomNode[]): boolean {
  return stringTests(atoms).every((t) => t.kind === 'string' && !t.leadingStar && !t.trailingStar);
}

function stringCandidates(atoms: readonly AtomNode[], prefer: readonly string[] = []): string[] {
  const tests = stringTests(atoms);
  const seeds = [...new Set(tests.flatMap((t) => (t.kind === 'string' ? [t.core] : [])))];
  seeds.push(...prefer, FRESH_STRING);
  return seeds;
}

/** A string operand with the automaton that decides it. */
export interface StringTest {
  value: Value;
  nfa: NfaRunner;
}

/** Prepares a string or regex operand for the string solver. */
export function prepareStringTest(value: Value): StringTest {
  if (value.kind === 'number') throw new Error('a number is not a string test');
  return {
    value,
    nfa: new NfaRunner(value.kind === 'regex' ? regexNfa(value.source) : stringValueNfa(value)),
  };
}

/**
 * A shortest string that each test accepts or rejects as asked, or undefined when none exists.
 * Seeds are tried first so the answer reads like a real value; otherwise a breadth-first walk of the
 * product automaton decides, pruning states where a wanted match can no longer happen or an unwanted
 * one already must.
 */
export function solveStrings(
  constraints: ReadonlyArray<{ test: StringTest; want: boolean; matches: (s: string) => boolean }>,
  seeds: readonly string[],
): string | undefined {
  for (const seed of [...seeds, FRESH_STRING])
    if (constraints.every((c) => c.matches(seed) === c.want)) return seed;
  if (constraints.length === 0) return FRESH_STRING;
  const runners = constraints.map((c) => c.test.nfa);
  const alphabet = representativeChars(runners.map((r) => r.nfa));
  const start = runners.map((r) => r.startSet());
  const key = (states: number[][]) => states.map((x) => x.join(',')).join('|');
  const viable = (states: number[][]) =>
    constraints.every((c, i) => (c.want ? states[i]!.length > 0 : !runners[i]!.universal(states[i]!)));
  if (!viable(start)) return undefined;
  const visited = new Set<string>([key(start)]);
  const queue: Array<{ states: number[][]; text: string }> = [{ states: start, text: '' }];
  for (let head = 0; head < queue.length; head++) {
    const { states, text } = queue[head]!;
    if (constraints.every((c, i) => runners[i]!.accepts(states[i]!) === c.want)) return text;
    for (const ch of alphabet) {
      const next = runners.map((r, i) => r.step(states[i]!, ch));
      if (!viable(next)) continue;
      const k = key(next);
      if (visited.has(k)) continue;
      if (visited.size >= MAX_PRODUCT_STATES)
        throw new UndecidedError('the wildcard and regex values on one field are too many to decide exactly');
      visited.add(k);
      queue.push({ states: next, text: text + String.fromCodePoint(ch) });
    }
  }
  return undefined;
}

export class NfaRunner {
  private readonly closures: number[][];
  private readonly universalStates: Set<number>;
  constructor(readonly nfa: Nfa) {
    this.closures = nfa.eps.map((_, s) => this.closure(s));
    // A state that loops on every character and reaches acceptance on no input: from it, every
    // continuation is accepted.
    this.universalStates = new Set(
      nfa.edges.flatMap((es, st) =>
        es.some(
          (e) => e.to === st && e.set.length === 1 && e.set[0]![0] === 0 && e.set[0]![1] === 0x10ffff,
        ) && this.closures[st]!.includes(nfa.accept)
          ? [st]
          : [],
      ),
    );
  }
  private closure(s: number): number[] {
    const seen = new Set([s]);
    const stack = [s];
    while (stack.length > 0) {
      const x = stack.pop()!;
      for (const y of this.nfa.eps[x]!)
        if (!seen.has(y)) {
          seen.add(y);
          stack.push(y);
        }
    }
    return [...seen];
  }
  startSet(): number[] {
    return this.closures[this.nfa.start]!.slice().sort((a, b) => a - b);
  }
  accepts(states: number[]): boolean {
    return states.includes(this.nfa.accept);
  }
  universal(states: number[]): boolean {
    return states.some((s) => this.universalStates.has(s));
  }
  step(states: number[], ch: number): number[] {
    const out = new Set<number>();
    for (const s of states)
      for (const e of this.nfa.edges[s]!)
        if (inSet(e.set, ch)) for (const t of this.closures[e.to]!) out.add(t);
    return [...out].sort((a, b) => a - b);
  }
}

const PREFERRED = 'xabcdefghijklmnopqrstuvwyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:/ ';

// One character per class of characters that no edge of any automaton tells apart.
function representativeChars(nfas: Nfa[]): number[] {
  const bounds = new Set<number>([0]);
  const sets: CharSet[] = nfas.flatMap((n) => n.edges.flatMap((es) => es.map((e) => e.set)));
  for (const set of sets)
    for (const [lo, hi] of set) {
      bounds.add(lo);
      bounds.add(hi + 1);
    }
  const sorted = [...bounds].sort((a, b) => a - b).filter((b) => b <= 0x10ffff);
  const out: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const lo = sorted[i]!;
    const hi = (sorted[i + 1] ?? 0x110000) - 1;
    const preferred = [...PREFERRED].map((c) => c.codePointAt(0)!).find((c) => c >= lo && c <= hi);
    out.push(preferred ?? (lo < 32 && hi >= 32 ? 32 : lo));
  }
  return out;
}
