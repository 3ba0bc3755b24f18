// One audit, shared by the action and the CLI: collect (or load) a snapshot, evaluate, decide, report.
import { ApiCallCounter, type ApiCallCounts } from '../aws/api-calls.js';
import { ClientFactory } from '../aws/clients.js';
import { collectSnapshot } from '../aws/collect.js';
import { assumeRoleWithOidc, type OidcDeps } from '../aws/credentials.js';
import { decideGate, type GateDecision } from '../core/audit/decide.js';
import { evaluateSnapshot } from '../core/audit/evaluate.js';
import type { Finding } from '../core/audit/finding.js';
import type { Snapshot } from '../core/audit/snapshot.js';
import { getBenchmark } from '../core/catalog/catalog.js';
import type { AuditConfig } from '../core/config.js';
import { buildJsonReport } from '../core/report/json-report.js';
import { TOOL_VERSION } from '../version.js';

export interface AuditOutcome {
  snapshot: Snapshot;
  findings: Finding[];
  decision: GateDecision;
  report: ReturnType<typeof buildJsonReport>;
  apiCalls: ApiCallCounts;
}

export interface AuditSource {
  /** Evaluate this snapshot offline instead of reading AWS. */
  snapshot?: Snapshot;
  oidc?: OidcDeps;
}

/** Runs one audit end to end and returns everything the reporters need. */
export async function runAudit(config: AuditConfig, source: AuditSource = {}): Promise<AuditOutcome> {
  const started = performance.now();
  const counter = new ApiCallCounter();
  const benchmark = getBenchmark(config.benchmark);
  const controls = config.controls
    ? benchmark.controls.filter((c) => config.controls!.includes(c.id))
    : benchmark.controls;
  let snapshot = source.snapshot;
  if (!snapshot) {
    let clients = new ClientFactory({ counter, maxAttempts: config.maxAttempts });
    if (config.roleToAssume) {
      if (!source.oidc) throw new Error('OIDC dependencies are required with role-to-assume');
      const credentials = await assumeRoleWithOidc(
        clients,
        config.region,
        { arn: config.roleToAssume, audience: config.audience, sessionName: config.roleSessionName },
        source.oidc,
      );
      clients = new ClientFactory({ counter, maxAttempts: config.maxAttempts, credentials });
    }
    snapshot = await collectSnapshot(clients, { region: config.region, controls, reading: config.coverage });
  }
  const findings = evaluateSnapshot(snapshot, benchmark, config.controls, { reading: config.coverage });
  const decision = decideGate(findings, config.failOn);
  const apiCalls = counter.snapshot();
  const report = buildJsonReport({
    toolVersion: TOOL_VERSION,
    ...(snapshot.identity ? { identity: snapshot.identity.arn, account: snapshot.identity.account } : {}),
    region: snapshot.region,
    benchmark: benchmark.id,
    benchmarkName: benchmark.name,
    coverage: config.coverage,
    failOn: config.failOn,
    decision,
    findings,
    apiCalls,
    durationMs: Math.round(performance.now() - started),
  });
  return { snapshot, findings, decision, report, apiCalls };
}
