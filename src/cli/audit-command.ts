import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runAudit } from '../audit/run-audit.js';
import { IdentityError } from '../aws/collect.js';
import { CredentialsError } from '../aws/credentials.js';
import { SNAPSHOT_SCHEMA_VERSION, type Snapshot } from '../core/audit/snapshot.js';
import { BENCHMARK_IDS, getBenchmark } from '../core/catalog/catalog.js';
import { type RawInputs, validateConfig } from '../core/config.js';
import { ConfigError } from '../core/errors.js';
import { renderTerminalTable } from '../core/report/terminal-table.js';
import { assertReportPathWritable } from '../github/action-io.js';

const AUDIT_HELP = `Usage: cis-monitoring-gate audit [options]

Audits the account the AWS SDK's credentials belong to (AWS_PROFILE, AWS_ACCESS_KEY_ID, …;
AWS_ENDPOINT_URL is honoured) and prints one row per control.

Options:
  --region REGION        where trails are listed (default AWS_REGION, else us-east-1)
  --benchmark ID         ${BENCHMARK_IDS.join(', ')} (default cis-6.0)
  --controls LIST        comma-separated control ids or numbers (default: all)
  --fail-on WHEN         unknown (default): exit 1 on FAIL or UNKNOWN; fail: only on FAIL; never
  --coverage MODE        strict (default) or cloudtrail
  --max-attempts N       attempts per AWS request, retries included (default 5)
  --json                 print the JSON report instead of the table
  --report-path FILE     also write the JSON report to FILE
  --save-snapshot FILE   write what was read from AWS to FILE
  --snapshot FILE        evaluate a saved snapshot offline (no AWS calls)

Exit codes: 0 the gate passes, 1 the gate fails, 2 bad usage, input or credentials.
`;

/** `audit`: the same audit as the action, for a terminal. */
export async function auditCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      region: { type: 'string' },
      benchmark: { type: 'string' },
      controls: { type: 'string' },
      'fail-on': { type: 'string' },
      coverage: { type: 'string' },
      'max-attempts': { type: 'string' },
      json: { type: 'boolean' },
      'report-path': { type: 'string' },
      'save-snapshot': { type: 'string' },
      snapshot: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(AUDIT_HELP);
    return 0;
  }
  const raw: RawInputs = {};
  if (values.region) raw['aws-region'] = values.region;
  if (values.benchmark) raw.benchmark = values.benchmark;
  if (values.controls) raw.controls = values.controls;
  if (values['fail-on']) raw['fail-on'] = values['fail-on'];
  if (values.coverage) raw.coverage = values.coverage;
  if (values['max-attempts']) raw['max-attempts'] = values['max-attempts'];
  const config = validateConfig(raw, process.env);
  if (values['report-path']) assertReportPathWritable(values['report-path'], '--report-path');
  if (values['save-snapshot']) assertReportPathWritable(values['save-snapshot'], '--save-snapshot');
  const snapshot = values.snapshot ? loadSnapshot(values.snapshot) : undefined;
  let outcome: Awaited<ReturnType<typeof runAudit>>;
  try {
    outcome = await runAudit(config, snapshot ? { snapshot } : {});
  } catch (e) {
    if (e instanceof CredentialsError || e instanceof IdentityError)
      throw new ConfigError(`AWS credentials: ${e.message}`);
    throw e;
  }
  if (values['save-snapshot'])
    writeFileSync(values['save-snapshot'], `${JSON.stringify(outcome.snapshot, null, 2)}\n`);
  if (values['report-path'])
    writeFileSync(values['report-path'], `${JSON.stringify(outcome.report, null, 2)}\n`);
  if (values.json) process.stdout.write(`${JSON.stringify(outcome.report, null, 2)}\n`);
  else {
    const b = getBenchmark(config.benchmark);
    const who = outcome.snapshot.identity ? `account ${outcome.snapshot.identity.account}` : 'snapshot';
    process.stdout.write(
      renderTerminalTable(
        outcome.findings,
        outcome.decision,
        `${b.name} · ${who} · ${outcome.snapshot.region}`,
      ),
    );
    for (const f of outcome.findings.filter((x) => x.status !== 'PASS'))
      for (const n of f.notes) process.stdout.write(`note ${f.number}: ${n}\n`);
  }
  return outcome.decision.failsGate ? 1 : 0;
}

/** Reads a saved snapshot, with an error that names the file when it is not one. */
export function loadSnapshot(path: string): Snapshot {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ConfigError(`--snapshot '${path}' cannot be read as JSON: ${(e as Error).message}`, 'snapshot');
  }
  const s = data as Partial<Snapshot>;
  if (typeof data !== 'object' || data === null || s.schemaVersion !== SNAPSHOT_SCHEMA_VERSION)
    throw new ConfigError(
      `--snapshot '${path}' is not a snapshot (schemaVersion ${SNAPSHOT_SCHEMA_VERSION} expected)`,
      'snapshot',
    );
  for (const key of ['trails'] as const)
    if (!Array.isArray(s[key]))
      throw new ConfigError(`--snapshot '${path}': "${key}" must be an array`, 'snapshot');
  for (const key of ['logGroups', 'alarms', 'topics'] as const)
    if (typeof s[key] !== 'object' || s[key] === null)
      throw new ConfigError(`--snapshot '${path}': "${key}" must be an object`, 'snapshot');
  if (typeof s.region !== 'string')
    throw new ConfigError(`--snapshot '${path}': "region" must be a string`, 'snapshot');
  return s as Snapshot;
}
