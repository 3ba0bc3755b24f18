import type { GateDecision } from '../audit/decide.js';
import type { Finding } from '../audit/finding.js';
import { chainMarks } from './chain-text.js';

/** A plain-text table for the terminal: status, number, id, chain, why. */
export function renderTerminalTable(
  findings: readonly Finding[],
  decision: GateDecision,
  header: string,
): string {
  const rows = findings.map((f) => [
    f.status,
    f.number,
    f.id,
    chainMarks(f, { ok: 'ok', fail: 'FAIL', unknown: '?', none: '-' }),
    f.reason,
  ]);
  const head = ['STATUS', 'CIS', 'CONTROL', 'CHAIN', 'WHY'];
  const widths = head.slice(0, 4).map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i < 4 ? c.padEnd(widths[i]!) : c)).join('  ');
  const { counts } = decision;
  return [
    header,
    '',
    line(head),
    ...rows.map(line),
    '',
    `Gate ${decision.result.toUpperCase()} (PASS ${counts.passed} · FAIL ${counts.failed} · UNKNOWN ${counts.unknown})`,
    '',
  ].join('\n');
}
