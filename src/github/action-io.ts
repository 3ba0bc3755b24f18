// The action's I/O with the runner: inputs, outputs, summary and annotations.
import { accessSync, constants, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import * as core from '@actions/core';
import type { AuditOutcome } from '../audit/run-audit.js';
import type { AuditConfig, RawInputs } from '../core/config.js';
import { ConfigError } from '../core/errors.js';
import { buildAnnotations } from '../core/report/annotations.js';
import { renderSummary } from '../core/report/summary-markdown.js';

const INPUT_NAMES = [
  'aws-region',
  'benchmark',
  'controls',
  'fail-on',
  'coverage',
  'report-path',
  'role-to-assume',
  'audience',
  'role-session-name',
  'max-attempts',
] as const;

/** Reads the action's inputs as the runner passes them (INPUT_* variables). */
export function readActionInputs(): RawInputs {
  const raw: RawInputs = {};
  for (const name of INPUT_NAMES) {
    const v = core.getInput(name);
    if (v !== '') raw[name] = v;
  }
  return raw;
}

/** The report path an action run uses when none is given. */
export function defaultReportPath(env: Record<string, string | undefined>): string {
  return join(env.RUNNER_TEMP || tmpdir(), 'cis-monitoring-gate.json');
}

/** Checks, before any AWS call, that the report can be written there. */
export function assertReportPathWritable(path: string, input = 'report-path'): void {
  try {
    // Created one level at a time: a recursive mkdir under /proc spins instead of failing.
    const missing: string[] = [];
    for (let d = dirname(resolve(path)); !existsSync(d); d = dirname(d)) missing.unshift(d);
    for (const d of missing) mkdirSync(d);
    accessSync(dirname(resolve(path)), constants.W_OK);
  } catch (e) {
    throw new ConfigError(`${input} '${path}' cannot be written: ${(e as Error).message}`, input);
  }
}

/** Writes the JSON report file. */
export function writeReport(path: string, report: unknown): void {
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
}

/** Writes the job summary, the annotations and the outputs of a finished audit. */
export async function publishToRunner(
  outcome: AuditOutcome,
  config: AuditConfig & { reportPath: string },
  benchmarkName: string,
): Promise<void> {
  const { decision, findings, snapshot } = outcome;
  for (const a of buildAnnotations(findings, config.failOn)) {
    const props = { title: a.title };
    if (a.level === 'error') core.error(a.message, props);
    else if (a.level === 'warning') core.warning(a.message, props);
    else core.notice(a.message, props);
  }
  const markdown = renderSummary(findings, {
    benchmarkName,
    ...(snapshot.identity ? { account: snapshot.identity.account, identity: snapshot.identity.arn } : {}),
    region: snapshot.region,
    coverage: config.coverage,
    decision,
    failOn: config.failOn,
  });
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(markdown).write();
  else core.info(markdown);
  core.setOutput('result', decision.result);
  core.setOutput('passed', decision.counts.passed);
  core.setOutput('failed', decision.counts.failed);
  core.setOutput('unknown', decision.counts.unknown);
  core.setOutput('report-path', config.reportPath);
}
