import type { Node, Value } from './ast.js';
import { isAtom } from './ast.js';

export interface PrintStyle {
  /** Spaces around operators and inside braces. */
  spaced?: boolean;
  /** Quote every string operand, even bare alphanumerics. */
  quoteAll?: boolean;
  /** Wrap every comparison in parentheses. */
  parenthesize?: boolean;
  /** Reverse the order of every `&&` and `||` list. */
  reverse?: boolean;
}

/** Renders an expression tree as a JSON filter pattern; the result parses back to the same meaning. */
export function printPattern(root: Node, style: PrintStyle = {}): string {
  const sp = style.spaced ? ' ' : '';
  return `{${sp}${printNode(root, style, 0)}${sp}}`;
}

const PRECEDENCE = { or: 1, and: 2 } as const;

function printNode(node: Node, style: PrintStyle, parent: number): string {
  const sp = style.spaced ? ' ' : '';
  if (isAtom(node)) {
    const sel = node.selector.key;
    let text: string;
    if (node.type === 'notExists') text = `${sel} NOT EXISTS`;
    else if (node.type === 'is') text = `${sel} IS ${node.what.toUpperCase()}`;
    else text = `${sel}${sp}${node.op}${sp}${printValue(node.value, style)}`;
    return style.parenthesize ? `(${text})` : text;
  }
  const children = style.reverse ? [...node.children].reverse() : node.children;
  const own = PRECEDENCE[node.type];
  const text = children
    .map((c) => printNode(c, style, own))
    .join(`${sp}${node.type === 'and' ? '&&' : '||'}${sp}`);
  return own < parent || (style.parenthesize && parent > 0) ? `(${text})` : text;
}

function printValue(value: Value, style: PrintStyle): string {
  if (value.kind === 'number') return value.raw;
  if (value.kind === 'regex') return `%${value.source}%`;
  const text = `${value.leadingStar ? '*' : ''}${value.core}${value.trailingStar ? '*' : ''}`;
  const bare = /^[A-Za-z0-9_.*:@/-]+$/.test(text) && !/^[-+]?[\d.]/.test(text);
  return bare && !style.quoteAll ? text : `"${text.replace(/(["\\])/g, '\\$1')}"`;
}
