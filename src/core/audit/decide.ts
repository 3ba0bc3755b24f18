import type { Finding } from './finding.js';

export const FAIL_ON_VALUES = ['unknown', 'fail', 'never'] as const;
export type FailOn = (typeof FAIL_ON_VALUES)[number];

export interface GateDecision {
  /** `pass` when every control is PASS or WAIVED, whatever fail-on says. */
  result: 'pass' | 'fail';
  /** Whether the job fails: follows fail-on. */
  failsGate: boolean;
  counts: { passed: number; failed: number; unknown: number; waived: number };
}

/** The one pass/fail decision of a run. */
export function decideGate(findings: readonly Finding[], failOn: FailOn): GateDecision {
  const count = (s: Finding['status']) => findings.filter((f) => f.status === s).length;
  const counts = {
    passed: count('PASS'),
    failed: count('FAIL'),
    unknown: count('UNKNOWN'),
    waived: count('WAIVED'),
  };
  const result = counts.failed + counts.unknown === 0 ? 'pass' : 'fail';
  const failsGate = failOn === 'unknown' ? result === 'fail' : failOn === 'fail' ? counts.failed > 0 : false;
  return { result, failsGate, counts };
}
