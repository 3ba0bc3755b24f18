// The abstract syntax of CloudWatch Logs filter patterns.

/** One step of a JSON selector: `.name` / `['name']`, `[n]`, or the wildcards `[*]` and `.*`. */
export type Segment = { kind: 'name'; name: string } | { kind: 'index'; index: number } | { kind: 'any' };

export interface Selector {
  segments: Segment[];
  /** Canonical text, the same for `$.a.b` and `$.['a'].b`; used as the selector's identity. */
  key: string;
}

/** A string compared with `=` / `!=`: `*` at either end is a wildcard, anywhere else a literal. */
export interface StringValue {
  kind: 'string';
  core: string;
  leadingStar: boolean;
  trailingStar: boolean;
  raw: string;
}
export interface NumberValue {
  kind: 'number';
  value: number;
  raw: string;
}
/** `%regex%`: an unanchored search over the value, in CloudWatch's regex subset. */
export interface RegexValue {
  kind: 'regex';
  source: string;
  raw: string;
}
export type Value = StringValue | NumberValue | RegexValue;

export type ComparisonOp = '=' | '!=' | '<' | '>' | '<=' | '>=';

interface Located {
  start: number;
  end: number;
}
export interface CompareNode extends Located {
  type: 'compare';
  selector: Selector;
  op: ComparisonOp;
  value: Value;
}
export interface IsNode extends Located {
  type: 'is';
  selector: Selector;
  what: 'null' | 'true' | 'false';
}
export interface NotExistsNode extends Located {
  type: 'notExists';
  selector: Selector;
}
export type AtomNode = CompareNode | IsNode | NotExistsNode;
export interface BoolNode {
  type: 'and' | 'or';
  children: Node[];
}
export type Node = AtomNode | BoolNode;

/** A term pattern: every `all` term, at least one `any` term (when there are some), no `none` term. */
export interface TermPattern {
  kind: 'terms';
  all: string[];
  any: string[];
  none: string[];
  text: string;
}

export type Pattern =
  | { kind: 'json'; root: Node; text: string }
  | { kind: 'everything'; text: string }
  | TermPattern
  | { kind: 'regex'; regex: RegexValue; text: string }
  | { kind: 'delimited'; text: string };

/** True when a node is a leaf comparison. */
export function isAtom(node: Node): node is AtomNode {
  return node.type !== 'and' && node.type !== 'or';
}
