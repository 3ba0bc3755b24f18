// covers(reference, patterns): does every event the reference matches also match one of the patterns?
// Decided by a search over each selector's finite partition of values (witness.ts), pruned by
// three-valued evaluation; every counterexample is re-checked with `matches` before it is reported.
import type { AtomNode, Node, Pattern, Segment, TermPattern } from './ast.js';
import { isAtom } from './ast.js';
import {
  CLOSED_FIELDS,
  EVENT_SOURCES_BY_NAME,
  MODELLED_EVENT_SOURCES,
  REQUIRED_STRING_FIELDS,
} from './cloudtrail-model.js';
import { explainCounterexample } from './explain.js';
import { selectorKey } from './lexer.js';
import { matches, resolveSelector, testAtomValue } from './match.js';
import {
  buildElementSetWitnesses,
  buildWitnesses,
  hasOnlyExactStrings,
  prepareStringTest,
  type StringTest,
  solveStrings,
  UndecidedError,
  type Witness,
} from './witness.js';

export type Reading = 'strict' | 'cloudtrail';

export type CoverResult =
  | { covers: true; notes: string[] }
  | { covers: false; counterexample: Record<string, unknown>; explanation: string; notes: string[] }
  | { covers: false; undecided: true; why: string; notes: string[] };

export interface CoverOptions {
  reading?: Reading;
  /** Search nodes before the answer is "undecided". */
  budget?: number;
  /** Also decide under the other reading to note where the two differ (default true). */
  compareReadings?: boolean;
}

const DEFAULT_BUDGET = 400_000;
const PROBE_FIELD = 'cisGateProbe';

interface SelectorInfo {
  key: string;
  segments: Segment[];
  atoms: AtomNode[];
  witnesses: Witness[];
  mandatory: boolean;
  /** String values are decided atom by atom (wildcards or regexes make them too many to enumerate). */
  lazy?: { tests: Array<StringTest | undefined>; seeds: string[] };
}

/** A selector's value in the search: an enumerated witness, or a string known by some atoms' truth. */
type Assignment = { kind: 'full'; w: Witness } | { kind: 'partial'; decided: Array<boolean | undefined> };

/** Decides whether the union of `patterns` matches every event that `reference` matches. */
export function covers(
  reference: Pattern,
  patterns: readonly Pattern[],
  options: CoverOptions = {},
): CoverResult {
  const reading = options.reading ?? 'strict';
  const result = decide(reference, patterns, reading, options.budget ?? DEFAULT_BUDGET);
  if (options.compareReadings === false) return result;
  if (reading === 'strict' && result.covers === false && !('undecided' in result)) {
    const lenient = decide(reference, patterns, 'cloudtrail', options.budget ?? DEFAULT_BUDGET);
    if (lenient.covers)
      result.notes.push(
        'the CloudTrail reading would pass: every event this filter misses is one CloudTrail does not emit',
      );
  }
  if (reading === 'cloudtrail' && result.covers) {
    const strict = decide(reference, patterns, 'strict', options.budget ?? DEFAULT_BUDGET);
    if (strict.covers === false && 'counterexample' in strict)
      result.notes.push(`strict reading gap (only events CloudTrail does not emit): ${strict.explanation}`);
  }
  return result;
}

function decide(
  reference: Pattern,
  patterns: readonly Pattern[],
  reading: Reading,
  budget: number,
): CoverResult {
  const notes: string[] = [];
  if (patterns.some((p) => p.kind === 'everything')) {
    notes.push('the empty filter pattern matches every event: it covers, but the alarm fires on all of them');
    return { covers: true, notes };
  }
  if (reference.kind !== 'json') return decideTextReference(reference, patterns, notes);
  const jsonPatterns = patterns.flatMap((p) => (p.kind === 'json' ? [p.root] : []));
  const textPatterns = patterns.filter((p) => p.kind === 'terms' || p.kind === 'regex');
  const delimited = patterns.some((p) => p.kind === 'delimited');
  try {
    const search = new Search(reference.root, jsonPatterns, textPatterns, reading, budget);
    const found = search.run();
    if (found && !delimited) {
      const counterexample = found;
      return {
        covers: false,
        counterexample,
        explanation: explainCounterexample(reference.root, patterns, counterexample),
        notes,
      };
    }
    if (delimited)
      return {
        covers: false,
        undecided: true,
        why: 'a space-delimited pattern ([…]) is not evaluated against JSON events',
        notes,
      };
    if (search.unprovenTextLeaf)
      return {
        covers: false,
        undecided: true,
        why: `cannot prove that every matching event's text contains the terms of \`${search.unprovenTextLeaf}\``,
        notes,
      };
    if (search.modelConflict)
      return {
        covers: false,
        undecided: true,
        why: "a wildcard event name could not be kept apart from the CloudTrail model's names",
        notes,
      };
    if (search.approximate)
      return {
        covers: false,
        undecided: true,
        why: 'array wildcards ([*] or .*) over several elements are not decided exactly',
        notes,
      };
    return { covers: true, notes };
  } catch (e) {
    if (e instanceof UndecidedError) return { covers: false, undecided: true, why: e.message, notes };
    throw e;
  }
}

function collectAtoms(node: Node, out: AtomNode[]): void {
  if (isAtom(node)) out.push(node);
  else for (const c of node.children) collectAtoms(c, out);
}

class Search {
  private readonly selectors: SelectorInfo[] = [];
  private readonly atomPlace = new Map<AtomNode, { sel: number; local: number; formula: number }>();
  private readonly assigned: Array<Assignment | undefined>;
  private readonly formulaSelectors: boolean[][];
  private readonly order: number[];
  private readonly related: Array<Array<{ other: number; prefixIsMe: boolean }>>;
  private nodes = 0;
  approximate = false;
  modelConflict = false;
  unprovenTextLeaf: string | undefined;
  private readonly nameSel: number | undefined;
  private readonly sourceSel: number | undefined;

  constructor(
    private readonly reference: Node,
    private readonly patterns: Node[],
    private readonly textPatterns: Pattern[],
    private readonly reading: Reading,
    private readonly budget: number,
  ) {
    const formulas = [reference, ...patterns];
    const byKey = new Map<string, SelectorInfo>();
    const ensure = (key: string, segments: Segment[]): SelectorInfo => {
      let info = byKey.get(key);
      if (!info) {
        info = { key, segments, atoms: [], witnesses: [], mandatory: false };
        byKey.set(key, info);
        this.selectors.push(info);
      }
      return info;
    };
    const refAtomCount = new Map<string, number>();
    formulas.forEach((f, formula) => {
      const atoms: AtomNode[] = [];
      collectAtoms(f, atoms);
      for (const a of atoms) {
        if (formula === 0) refAtomCount.set(a.selector.key, (refAtomCount.get(a.selector.key) ?? 0) + 1);
        const info = ensure(a.selector.key, a.selector.segments);
        this.atomPlace.set(a, { sel: this.selectors.indexOf(info), local: info.atoms.length, formula });
        info.atoms.push(a);
      }
    });
    if (reading === 'cloudtrail')
      for (const key of [...REQUIRED_STRING_FIELDS, '$.eventType', '$.userIdentity.type'])
        ensure(key, parseSimpleKey(key)).mandatory = true;
    const isolated = new Set(this.selectors.filter((s) => isIsolatedWildcard(s, this.selectors)));
    if (this.selectors.some((s) => s.segments.some((g) => g.kind === 'any') && !isolated.has(s)))
      this.approximate = true;

    for (const info of this.selectors) {
      const container = { object: false, array: false };
      for (const other of this.selectors) {
        if (other === info || !isPrefix(info.segments, other.segments)) continue;
        const next = other.segments[info.segments.length]!;
        if (next.kind === 'name') container.object = true;
        else container.array = true;
      }
      const closed = reading === 'cloudtrail' ? CLOSED_FIELDS.get(info.key) : undefined;
      const lazy = !closed && !hasOnlyExactStrings(info.atoms);
      info.witnesses = buildWitnesses(info.atoms, {
        ...(closed ? { closed } : {}),
        requiredString: reading === 'cloudtrail' && REQUIRED_STRING_FIELDS.includes(info.key),
        keepStrings: reading === 'cloudtrail' && info.key === '$.eventSource' ? MODELLED_EVENT_SOURCES : [],
        preferStrings: realisticValues(info.key),
        lazyStrings: lazy,
        container,
      });
      if (isolated.has(info)) {
        const singles = lazy
          ? withStringClasses(info.atoms, info.witnesses, realisticValues(info.key))
          : info.witnesses;
        const sets = singles && buildElementSetWitnesses(info.atoms, singles);
        if (sets) info.witnesses = sets;
        else this.approximate = true;
      }
      if (lazy)
        info.lazy = {
          tests: info.atoms.map((a) =>
            a.type === 'compare' && a.value.kind !== 'number' ? prepareStringTest(a.value) : undefined,
          ),
          seeds: [
            ...new Set([
              ...info.atoms.flatMap((a) =>
                a.type === 'compare' && a.value.kind === 'string' ? [a.value.core] : [],
              ),
              ...realisticValues(info.key),
            ]),
          ],
        };
    }
    this.assigned = this.selectors.map(() => undefined);
    this.related = this.selectors.map((s, i) =>
      this.selectors.flatMap((o, j) =>
        i !== j && (isPrefix(s.segments, o.segments) || isPrefix(o.segments, s.segments))
          ? [{ other: j, prefixIsMe: isPrefix(s.segments, o.segments) }]
          : [],
      ),
    );
    this.formulaSelectors = formulas.map((f) => {
      const mark = this.selectors.map(() => false);
      const fa: AtomNode[] = [];
      collectAtoms(f, fa);
      for (const a of fa) mark[this.atomPlace.get(a)!.sel] = true;
      return mark;
    });
    this.order = this.selectors
      .map((_, i) => i)
      .sort((a, b) => {
        const ra = refAtomCount.get(this.selectors[a]!.key) ?? 0;
        const rb = refAtomCount.get(this.selectors[b]!.key) ?? 0;
        if (ra > 0 !== rb > 0) return ra > 0 ? -1 : 1;
        const da = this.selectors[a]!.segments.length;
        const db = this.selectors[b]!.segments.length;
        return da !== db ? da - db : rb - ra;
      });
    const idx = (k: string) => {
      const i = this.selectors.findIndex((s) => s.key === k);
      return i < 0 ? undefined : i;
    };
    this.nameSel = idx('$.eventName');
    this.sourceSel = idx('$.eventSource');
  }

  run(): Record<string, unknown> | undefined {
    return this.dfs();
  }

  private atomTruth(sel: number, local: number): boolean | undefined {
    const a = this.assigned[sel];
    if (!a) return undefined;
    return a.kind === 'full' ? a.w.truth[local] : a.decided[local];
  }

  private evaluate(node: Node): boolean | undefined {
    if (isAtom(node)) {
      const place = this.atomPlace.get(node)!;
      return this.atomTruth(place.sel, place.local);
    }
    let unknown = false;
    if (node.type === 'and') {
      for (const c of node.children) {
        const r = this.evaluate(c);
        if (r === false) return false;
        if (r === undefined) unknown = true;
      }
      return unknown ? undefined : true;
    }
    for (const c of node.children) {
      const r = this.evaluate(c);
      if (r === true) return true;
      if (r === undefined) unknown = true;
    }
    return unknown ? undefined : false;
  }

  private dfs(): Record<string, unknown> | undefined {
    if (++this.nodes > this.budget)
      throw new UndecidedError(`the search exceeded ${this.budget} steps without a decision`);
    const r = this.evaluate(this.reference);
    if (r === false) return undefined;
    const open = new Set<number>(r === undefined ? [0] : []);
    for (let i = 0; i < this.patterns.length; i++) {
      const p = this.evaluate(this.patterns[i]!);
      if (p === true) return undefined;
      if (p === undefined) open.add(i + 1);
    }
    const next = this.order.find(
      (s) =>
        this.assigned[s] === undefined &&
        (this.selectors[s]!.mandatory || [...open].some((f) => this.formulaSelectors[f]![s])),
    );
    if (next !== undefined) return this.branchSelector(next);
    for (const s of this.order) {
      const a = this.assigned[s];
      if (a?.kind !== 'partial') continue;
      const info = this.selectors[s]!;
      let pick: number | undefined;
      info.atoms.forEach((atom, local) => {
        if (a.decided[local] !== undefined) return;
        const formula = this.atomPlace.get(atom)!.formula;
        if (!open.has(formula)) return;
        if (pick === undefined || formula === 0) pick ??= local;
      });
      if (pick !== undefined) return this.branchAtom(s, pick);
    }
    return this.leaf();
  }

  private branchSelector(sel: number): Record<string, unknown> | undefined {
    const info = this.selectors[sel]!;
    for (const w of info.witnesses) {
      if (!this.consistent(sel, w)) continue;
      this.assigned[sel] = { kind: 'full', w };
      const found = this.dfs();
      this.assigned[sel] = undefined;
      if (found) return found;
    }
    if (info.lazy) {
      const probe: Witness = { value: 'x', absent: false, truth: [], forced: false };
      if (this.consistent(sel, probe, true)) {
        const decided = info.atoms.map((a, i) => (info.lazy!.tests[i] ? undefined : testAtomValue(a, 'x')));
        this.assigned[sel] = { kind: 'partial', decided };
        const found = this.dfs();
        this.assigned[sel] = undefined;
        if (found) return found;
      }
    }
    return undefined;
  }

  private branchAtom(sel: number, local: number): Record<string, unknown> | undefined {
    const info = this.selectors[sel]!;
    const before = this.assigned[sel] as Extract<Assignment, { kind: 'partial' }>;
    const fromReference = this.atomPlace.get(info.atoms[local]!)!.formula === 0;
    for (const want of fromReference ? [true, false] : [false, true]) {
      const decided = before.decided.slice();
      decided[local] = want;
      if (!this.propagate(info, decided)) continue;
      if (this.solve(info, decided) === undefined) continue;
      const pinned = this.pinnedValue(info, decided);
      if (!this.sourceFitsName(sel, pinned ?? ANY_STRING)) continue;
      this.assigned[sel] = { kind: 'partial', decided };
      const found = this.dfs();
      this.assigned[sel] = before;
      if (found) return found;
    }
    return undefined;
  }

  // An exact `=` that holds pins the string: every other comparison on it is then known.
  private propagate(info: SelectorInfo, decided: Array<boolean | undefined>): boolean {
    const pinned = this.pinnedValue(info, decided);
    if (pinned === undefined) return true;
    for (let i = 0; i < info.atoms.length; i++) {
      const t = testAtomValue(info.atoms[i]!, pinned);
      if (decided[i] === undefined) decided[i] = t;
      else if (decided[i] !== t) return false;
    }
    return true;
  }

  private pinnedValue(info: SelectorInfo, decided: Array<boolean | undefined>): string | undefined {
    for (let i = 0; i < info.atoms.length; i++) {
      const a = info.atoms[i]!;
      if (
        decided[i] === true &&
        a.type === 'compare' &&
        a.op === '=' &&
        a.value.kind === 'string' &&
        !a.value.leadingStar &&
        !a.value.trailingStar
      )
        return a.value.core;
    }
    return undefined;
  }

  private readonly solved = new Map<string, string | undefined>();

  private solve(info: SelectorInfo, decided: Array<boolean | undefined>): string | undefined {
    const pinned = this.pinnedValue(info, decided);
    if (pinned !== undefined) return pinned;
    const memo = `${info.key}\u0000${decided.map((d) => (d === undefined ? '-' : d ? '1' : '0')).join('')}`;
    if (this.solved.has(memo)) return this.solved.get(memo);
    const answer = this.solveUncached(info, decided);
    this.solved.set(memo, answer);
    return answer;
  }

  private solveUncached(info: SelectorInfo, decided: Array<boolean | undefined>): string | undefined {
    const constraints = info.atoms.flatMap((a, i) => {
      const test = info.lazy!.tests[i];
      const d = decided[i];
      if (!test || d === undefined) return [];
      // `!=` holds on a string exactly when the operand does not match it.
      const want = a.type === 'compare' && a.op === '!=' ? !d : d;
      return [
        { test, want, matches: (s: string) => testAtomValue({ ...(a as AtomNode), op: '=' } as AtomNode, s) },
      ];
    });
    return solveStrings(constraints, info.lazy!.seeds);
  }

  private consistent(sel: number, w: Witness, anyString = false): boolean {
    const me = this.selectors[sel]!;
    for (const { other, prefixIsMe } of this.related[sel]!) {
      const oa = this.assigned[other];
      if (!oa) continue;
      const o = this.selectors[other]!;
      const ow: Witness = oa.kind === 'full' ? oa.w : { value: 'x', absent: false, truth: [], forced: false };
      const [short, long, shortW, longW] = prefixIsMe ? [me, o, w, ow] : [o, me, ow, w];
      if (long.segments.slice(short.segments.length).some((g) => g.kind === 'any')) continue;
      if (longW.absent) continue;
      const need = long.segments[short.segments.length]!.kind === 'name' ? 'object' : 'array';
      if (shortW.container !== need) return false;
    }
    if (!this.sourceFitsName(sel, anyString ? ANY_STRING : w.value)) return false;
    return true;
  }

  // The CloudTrail reading: a modelled event name comes only from its sources. `sel` is about to take
  // `value`; a partial string counts as its pinned value, else as a string outside the model's sources
  // (those are enumerated as witnesses of their own).
  private sourceFitsName(sel: number, value: unknown): boolean {
    if (this.reading !== 'cloudtrail' || this.nameSel === undefined || this.sourceSel === undefined)
      return true;
    const current = (i: number): unknown => {
      if (i === sel) return value;
      const a = this.assigned[i];
      if (a === undefined) return undefined;
      if (a.kind === 'full') return a.w.value;
      return this.pinnedValue(this.selectors[i]!, a.decided) ?? ANY_STRING;
    };
    const n = current(this.nameSel);
    const s = current(this.sourceSel);
    if (typeof n !== 'string' || s === undefined) return true;
    const sources = EVENT_SOURCES_BY_NAME.get(n);
    return !sources || (s !== ANY_STRING && sources.includes(s as string));
  }

  private leaf(): Record<string, unknown> | undefined {
    const event = this.buildEvent();
    if (!event) return undefined;
    if (!this.verify(event)) return undefined;
    if (this.reading === 'cloudtrail' && !fitsCloudTrailModel(event)) {
      // A lazily solved name landed on a modelled one from the wrong source: another string of the
      // class might not have, so the search can no longer claim "covers".
      this.modelConflict = true;
      return undefined;
    }
    const matching = this.textPatterns.filter((p) => matches(p, event));
    if (matching.length === 0) return event;
    // An excluded term can always be put in a field no selector reads.
    const probe = matching.flatMap((p) => (p.kind === 'terms' ? p.none : [])).join(' ');
    const withProbe = { ...event, [PROBE_FIELD]: probe };
    if (probe !== '' && this.verify(withProbe) && !this.textPatterns.some((p) => matches(p, withProbe)))
      return withProbe;
    if (!matching.some((p) => p.kind === 'terms' && this.provesTerms(p)))
      this.unprovenTextLeaf ??= matching[0]!.text.trim();
    return undefined;
  }

  // Every event of this leaf's class contains the pattern's terms when each lies inside a property
  // name on a resolved path or a value pinned by an exact comparison.
  private provesTerms(p: TermPattern): boolean {
    if (p.none.length > 0) return false;
    const fixed: string[] = [];
    this.selectors.forEach((s, i) => {
      const a = this.assigned[i];
      if (!a || (a.kind === 'full' && a.w.absent)) return;
      for (const g of s.segments) if (g.kind === 'name') fixed.push(g.name);
      if (a.kind === 'full' && a.w.forced && typeof a.w.value === 'string') fixed.push(a.w.value);
      if (a.kind === 'partial') {
        const pinned = this.pinnedValue(s, a.decided);
        if (pinned !== undefined) fixed.push(pinned);
      }
    });
    const has = (t: string) => fixed.some((f) => f.includes(t));
    return p.all.every(has) && (p.any.length === 0 || p.any.some(has));
  }

  private verify(event: Record<string, unknown>): boolean {
    const ref: Pattern = { kind: 'json', root: this.reference, text: '' };
    if (!matches(ref, event)) return false;
    return this.patterns.every((p) => !matches({ kind: 'json', root: p, text: '' }, event));
  }

  private buildEvent(): Record<string, unknown> | undefined {
    const root: Record<string, unknown> = {};
    const entries: Array<{ s: SelectorInfo; w: Witness }> = [];
    this.selectors.forEach((s, i) => {
      const a = this.assigned[i];
      if (!a) return;
      if (a.kind === 'full') {
        if (!a.w.absent) entries.push({ s, w: a.w });
        return;
      }
      const value = this.solve(s, a.decided);
      if (value !== undefined) entries.push({ s, w: { value, absent: false, truth: [], forced: false } });
    });
    entries.sort((a, b) => a.s.segments.length - b.s.segments.length);
    for (const { s, w } of entries) if (!place(root, s.segments, w)) return undefined;
    return root;
  }
}

const ANY_STRING = Symbol('any string');

function place(root: Record<string, unknown>, segments: Segment[], w: Witness): boolean {
  if (w.elements) return placeElements(root, segments, w.elements);
  let cur: unknown = root;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    const last = i === segments.length - 1;
    const make = (): unknown => {
      if (last) return w.container === 'object' ? {} : w.container === 'array' ? [] : w.value;
      return segments[i + 1]!.kind === 'name' ? {} : [];
    };
    if (seg.kind === 'name') {
      if (typeof cur !== 'object' || cur === null || Array.isArray(cur)) return false;
      const obj = cur as Record<string, unknown>;
      if (!Object.hasOwn(obj, seg.name)) obj[seg.name] = make();
      else if (last && !w.container) return false;
      cur = obj[seg.name];
    } else {
      if (!Array.isArray(cur)) return false;
      const index = seg.kind === 'index' ? seg.index : 0;
      while (cur.length < index) cur.push(null);
      if (cur.length === index) cur.push(make());
      else if (last && !w.container) return false;
      cur = cur[index];
    }
  }
  return true;
}

// The elements of a selector through one `[*]`, each in an element of its own: the array at the base
// path holds them, and the path after `[*]` leads from each element to its value.
function placeElements(root: Record<string, unknown>, segments: Segment[], values: unknown[]): boolean {
  const at = segments.findIndex((g) => g.kind === 'any');
  const base = segments.slice(0, at);
  const rest = segments.slice(at + 1);
  if (values.length === 0) return true;
  const container: Witness = { value: [], absent: false, truth: [], forced: false, container: 'array' };
  if (base.length === 0 || !place(root, base, container)) return false;
  const array = resolveSelector(root, base)[0];
  if (!Array.isArray(array)) return false;
  for (const v of values) array.push(nest(rest, v));
  return true;
}

function nest(rest: Segment[], v: unknown): unknown {
  let value = v;
  for (let i = rest.length - 1; i >= 0; i--) {
    const g = rest[i]!;
    if (g.kind === 'name') value = { [g.name]: value };
    else {
      const arr: unknown[] = [];
      const index = g.kind === 'index' ? g.index : 0;
      while (arr.length < index) arr.push(null);
      arr.push(value);
      value = arr;
    }
  }
  return value;
}

/**
 * A selector through exactly one `[*]`, below the root, whose array no other selector reads: its
 * element sets can be enumerated exactly. Anything else keeps the search approximate.
 */
function isIsolatedWildcard(s: SelectorInfo, all: SelectorInfo[]): boolean {
  const anys = s.segments.filter((g) => g.kind === 'any').length;
  if (anys !== 1) return false;
  const at = s.segments.findIndex((g) => g.kind === 'any');
  if (at < 1) return false;
  const base = s.segments.slice(0, at);
  return all.every((o) => o === s || !(isPrefix(base, o.segments) || sameSegments(base, o.segments)));
}

/** String operands on one selector beyond which their classes are not enumerated one by one. */
const MAX_ENUMERATED_STRING_TESTS = 10;

// Every class of strings the selector's wildcard and regex operands tell apart, one witness each:
// each combination of "operand matches / does not" that some string realises.
function withStringClasses(
  atoms: AtomNode[],
  others: Witness[],
  prefer: readonly string[],
): Witness[] | undefined {
  const operands = new Map<string, StringTest>();
  for (const a of atoms)
    if (a.type === 'compare' && a.value.kind !== 'number' && !operands.has(a.value.raw))
      operands.set(a.value.raw, prepareStringTest(a.value));
  const tests = [...operands.values()];
  if (tests.length > MAX_ENUMERATED_STRING_TESTS) return undefined;
  const seeds = [...tests.flatMap((t) => (t.value.kind === 'string' ? [t.value.core] : [])), ...prefer];
  const out = [...others];
  for (let mask = 0; mask < 1 << tests.length; mask++) {
    const constraints = tests.map((test, i) => ({
      test,
      want: (mask & (1 << i)) !== 0,
      matches: (v: string) =>
        testAtomValue(
          {
            type: 'compare',
            op: '=',
            value: test.value,
            selector: { segments: [], key: '$' },
            start: 0,
            end: 0,
          },
          v,
        ),
    }));
    const value = solveStrings(constraints, seeds);
    if (value === undefined) continue;
    out.push({ value, absent: false, truth: atoms.map((a) => testAtomValue(a, value)), forced: false });
  }
  return out;
}

function sameSegments(a: Segment[], b: Segment[]): boolean {
  return a.length === b.length && selectorKey(a) === selectorKey(b);
}

function isPrefix(short: Segment[], long: Segment[]): boolean {
  if (short.length >= long.length) return false;
  return short.every((s, i) => selectorKey([s]) === selectorKey([long[i]!]));
}

function parseSimpleKey(key: string): Segment[] {
  return key
    .slice(2)
    .split('.')
    .map((name) => ({ kind: 'name', name }));
}

// A reference that is not a JSON pattern (empty, terms, regex): only a refutation is attempted, with
// small events the reference matches; anything else is undecided, never "covers".
function decideTextReference(reference: Pattern, patterns: readonly Pattern[], notes: string[]): CoverResult {
  const seeds: Array<Record<string, unknown>> = [{}];
  if (reference.kind === 'terms')
    seeds.push({ [PROBE_FIELD]: [...reference.all, ...reference.any.slice(0, 1)].join(' ') });
  for (const event of seeds) {
    if (!matches(reference, event) || patterns.some((p) => matches(p, event))) continue;
    return {
      covers: false,
      counterexample: event,
      explanation: `no filter pattern matches the event ${JSON.stringify(event)}, which the reference matches`,
      notes,
    };
  }
  return { covers: false, undecided: true, why: 'the reference is not a JSON filter pattern', notes };
}

/** Values CloudTrail really emits for a field, tried first when any value of a class will do. */
function realisticValues(key: string): readonly string[] {
  if (key === '$.eventSource') return MODELLED_EVENT_SOURCES;
  return CLOSED_FIELDS.get(key)?.values ?? [];
}

function fitsCloudTrailModel(event: Record<string, unknown>): boolean {
  const name = event.eventName;
  const sources = typeof name === 'string' ? EVENT_SOURCES_BY_NAME.get(name) : undefined;
  return !sources || sources.includes(event.eventSource as string);
}
