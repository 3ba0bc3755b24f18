import * as core from '@actions/core';
import { runAudit } from './audit/run-audit.js';
import { IdentityError } from './aws/collect.js';
import { CredentialsError } from './aws/credentials.js';
import { getBenchmark } from './core/catalog/catalog.js';
import { validateConfig } from './core/config.js';
import { ConfigError } from './core/errors.js';
import {
  assertReportPathWritable,
  defaultReportPath,
  publishToRunner,
  readActionInputs,
  writeReport,
} from './github/action-io.js';

/** The action: inputs → audit → report → one pass/fail decision, the only setFailed call. */
export async function run(): Promise<void> {
  let failure: string | undefined;
  try {
    const config = validateConfig(readActionInputs(), process.env);
    const reportPath = config.reportPath ?? defaultReportPath(process.env);
    assertReportPathWritable(reportPath);
    const outcome = await runAudit(config, {
      oidc: {
        env: process.env,
        getIDToken: (aud) => core.getIDToken(aud),
        setSecret: (s) => core.setSecret(s),
      },
    });
    writeReport(reportPath, outcome.report);
    await publishToRunner(outcome, { ...config, reportPath }, getBenchmark(config.benchmark).name);
    const { counts } = outcome.decision;
    if (outcome.decision.failsGate)
      failure = `CIS monitoring gate failed: ${counts.failed} control(s) FAIL, ${counts.unknown} UNKNOWN (fail-on: ${config.failOn})`;
  } catch (e) {
    failure = describeFatal(e);
  }
  if (failure) core.setFailed(failure);
}

/** A one-line message for an error that stops the run: the user's mistake, or the AWS failure, never a stack. */
export function describeFatal(e: unknown): string {
  if (e instanceof ConfigError) return `invalid input: ${e.message}`;
  if (e instanceof CredentialsError || e instanceof IdentityError) return `AWS credentials: ${e.message}`;
  return `unexpected error: ${(e as Error)?.message ?? String(e)}`;
}
