import type { ChainLink, Finding } from '../audit/finding.js';
import { LINK_ORDER } from '../audit/finding.js';

const LABEL: Record<ChainLink['link'], string> = {
  trail: 'trail',
  'log-group': 'log group',
  filter: 'filter',
  alarm: 'alarm',
  topic: 'topic',
  subscription: 'subscriber',
};

/** The chain as one line of marks: `trail ✅ → log group ✅ → filter ❌ → alarm · …`. */
export function chainMarks(f: Finding, marks = { ok: '✅', fail: '❌', unknown: '❔', none: '·' }): string {
  return LINK_ORDER.map((name) => {
    const l = f.chain.find((x) => x.link === name);
    return `${LABEL[name]} ${l ? marks[l.status] : marks.none}`;
  }).join(' → ');
}

/** Status words with a mark for tables. */
export function statusMark(status: Finding['status']): string {
  return { PASS: '✅ PASS', FAIL: '❌ FAIL', UNKNOWN: '❔ UNKNOWN', WAIVED: '➖ WAIVED' }[status];
}
