import type { AtomNode, Node, Pattern, Segment, StringValue, Value } from './ast.js';
import { isAtom } from './ast.js';
import { searchRegex } from './regex.js';

/** What a selector resolves to: the values it reaches (several through `[*]`), none when it does not resolve. */
export function resolveSelector(event: unknown, segments: readonly Segment[]): unknown[] {
  let current: unknown[] = [event];
  for (const seg of segments) {
    const next: unknown[] = [];
    for (const v of current) {
      if (seg.kind === 'name') {
        if (isPlainObject(v) && Object.hasOwn(v, seg.name)) next.push(v[seg.name]);
      } else if (seg.kind === 'index') {
        if (Array.isArray(v) && seg.index < v.length) next.push(v[seg.index]);
      } else if (Array.isArray(v)) next.push(...v);
      else if (isPlainObject(v)) next.push(...Object.values(v));
    }
    current = next;
  }
  return current;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Whether a `=` string operand (with its `*` wildcards) matches `text`. */
export function matchesString(value: StringValue, text: string): boolean {
  const { core, leadingStar, trailingStar } = value;
  if (leadingStar && trailingStar) return text.includes(core);
  if (leadingStar) return text.endsWith(core);
  if (trailingStar) return text.startsWith(core);
  return text === core;
}

function valueEquals(value: Value, v: unknown): boolean {
  if (value.kind === 'number') return typeof v === 'number' && v === value.value;
  if (typeof v !== 'string') return false;
  return value.kind === 'regex' ? searchRegex(value.source, v) : matchesString(value, v);
}

/**
 * The truth of one comparison on one resolved value (`undefined` standing for "does not resolve").
 * A value that is not a scalar of the operand's type fails both `=` and `!=`.
 */
export function testAtomValue(atom: AtomNode, v: unknown): boolean {
  if (atom.type === 'notExists') return v === undefined;
  if (v === undefined) return false;
  if (atom.type === 'is') return atom.what === 'null' ? v === null : v === (atom.what === 'true');
  const { op, value } = atom;
  if (value.kind === 'number') {
    if (typeof v !== 'number') return false;
    switch (op) {
      case '=':
        return v === value.value;
      case '!=':
        return v !== value.value;
      case '<':
        return v < value.value;
      case '>':
        return v > value.value;
      case '<=':
        return v <= value.value;
      case '>=':
        return v >= value.value;
    }
  }
  if (typeof v !== 'string') return false;
  return op === '=' ? valueEquals(value, v) : !valueEquals(value, v);
}

/** Whether a comparison holds on an event: `NOT EXISTS` when nothing resolves, the others for some resolved value. */
export function matchesAtom(atom: AtomNode, event: unknown): boolean {
  const values = resolveSelector(event, atom.selector.segments);
  if (atom.type === 'notExists') return values.length === 0;
  return values.some((v) => testAtomValue(atom, v));
}

/** Whether a JSON pattern's expression matches an event. */
export function matchesNode(node: Node, event: unknown): boolean {
  if (isAtom(node)) return matchesAtom(node, event);
  if (node.type === 'and') return node.children.every((c) => matchesNode(c, event));
  return node.children.some((c) => matchesNode(c, event));
}

/** Whether a parsed filter pattern matches a log event given as parsed JSON (and its raw text). */
export function matches(pattern: Pattern, event: unknown, rawText: string = JSON.stringify(event)): boolean {
  switch (pattern.kind) {
    case 'everything':
      return true;
    case 'json':
      return isPlainObject(event) || Array.isArray(event) ? matchesNode(pattern.root, event) : false;
    case 'terms':
      return (
        pattern.all.every((t) => rawText.includes(t)) &&
        (pattern.any.length === 0 || pattern.any.some((t) => rawText.includes(t))) &&
        !pattern.none.some((t) => rawText.includes(t))
      );
    case 'regex':
      return searchRegex(pattern.regex.source, rawText);
    case 'delimited':
      // Space-delimited patterns address the fields of plain-text lines; a JSON event is one such line,
      // so they are not evaluated here (coverage reports them undecided).
      return false;
  }
}
