import type { GateDecision } from '../audit/decide.js';
import type { Finding } from '../audit/finding.js';

/** Bumped on any change a consumer could notice; schema/report.schema.json describes each version. */
export const REPORT_SCHEMA_VERSION = 1;

export interface ReportInput {
  toolVersion: string;
  identity?: string;
  account?: string;
  region: string;
  benchmark: string;
  benchmarkName: string;
  coverage: string;
  failOn: string;
  decision: GateDecision;
  findings: readonly Finding[];
  apiCalls: { total: number; retries: number; byOperation: Record<string, number> };
  durationMs: number;
}

/** The stable JSON report other tools read. */
export function buildJsonReport(r: ReportInput) {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'cis-monitoring-gate', version: r.toolVersion },
    generatedAt: new Date().toISOString(),
    identity: r.identity ?? null,
    account: r.account ?? null,
    region: r.region,
    benchmark: r.benchmark,
    benchmarkName: r.benchmarkName,
    coverage: r.coverage,
    failOn: r.failOn,
    result: r.decision.result,
    summary: r.decision.counts,
    controls: r.findings.map((f) => ({
      id: f.id,
      number: f.number,
      title: f.title,
      status: f.status,
      reason: f.reason,
      chain: f.chain,
      notes: f.notes,
      remediation: f.remediation ?? null,
    })),
    apiCalls: r.apiCalls,
    durationMs: r.durationMs,
  };
}
