import type { GateDecision } from '../audit/decide.js';
import type { Finding } from '../audit/finding.js';
import { chainMarks, statusMark } from './chain-text.js';

/** GitHub's limit on one step's job summary: 1 MiB (docs: "Adding a job summary"). */
export const STEP_SUMMARY_LIMIT_BYTES = 1024 * 1024;

export interface SummaryContext {
  benchmarkName: string;
  account?: string;
  identity?: string;
  region: string;
  coverage: string;
  decision: GateDecision;
  failOn: string;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** The job summary: one row per control, then a collapsible remediation per control that does not pass. */
export function renderSummary(findings: readonly Finding[], ctx: SummaryContext): string {
  const { counts } = ctx.decision;
  const lines = [
    `## CIS monitoring gate: ${ctx.decision.result === 'pass' ? '✅ pass' : '❌ fail'}`,
    '',
    `${ctx.benchmarkName} · account ${ctx.account ?? 'unknown'} · ${ctx.region} · coverage ${ctx.coverage} · fail-on ${ctx.failOn}`,
    '',
    `**${counts.passed} passed · ${counts.failed} failed · ${counts.unknown} unknown**`,
    '',
    '| Status | CIS | Control | Chain | Why |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const f of findings)
    lines.push(
      `| ${statusMark(f.status)} | ${f.number} | ${cell(f.title)} | ${chainMarks(f)} | ${cell(f.reason)} |`,
    );
  const open = findings.filter((f) => f.status !== 'PASS' && f.status !== 'WAIVED');
  if (open.length > 0) lines.push('', '### Remediation', '');
  for (const f of open) {
    lines.push(`<details><summary>${f.number} ${escapeHtml(f.title)}: ${f.status}</summary>`, '');
    lines.push(`**Why:** ${f.reason}`, '');
    for (const n of f.notes) lines.push(`- note: ${n}`);
    if (f.notes.length > 0) lines.push('');
    if (f.remediation) {
      lines.push(f.remediation.summary, '');
      if (f.remediation.commands.length > 0) lines.push('```sh', ...f.remediation.commands, '```', '');
    }
    lines.push('</details>', '');
  }
  const noted = findings.filter((f) => (f.status === 'PASS' || f.status === 'WAIVED') && f.notes.length > 0);
  if (noted.length > 0) {
    lines.push('<details><summary>Notes on passing controls</summary>', '');
    for (const f of noted) for (const n of f.notes) lines.push(`- ${f.number} ${f.id}: ${n}`);
    lines.push('', '</details>', '');
  }
  let text = `${lines.join('\n')}\n`;
  if (Buffer.byteLength(text) > STEP_SUMMARY_LIMIT_BYTES)
    text = `${text.slice(0, STEP_SUMMARY_LIMIT_BYTES - 200)}\n\n…the summary was cut at GitHub's 1 MiB limit; the JSON report has everything.\n`;
  return text;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
