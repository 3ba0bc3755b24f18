// Every input, validated before any AWS call; a ConfigError names the input and what it accepts.

import { FAIL_ON_VALUES, type FailOn } from './audit/decide.js';
import {
  BENCHMARK_IDS,
  type BenchmarkId,
  DEFAULT_BENCHMARK,
  getBenchmark,
  isBenchmarkId,
} from './catalog/catalog.js';
import { ConfigError } from './errors.js';
import type { Reading } from './pattern/cover.js';

export interface AuditConfig {
  region: string;
  benchmark: BenchmarkId;
  /** Selected control ids; undefined means every control of the benchmark. */
  controls?: string[];
  failOn: FailOn;
  coverage: Reading;
  reportPath?: string;
  roleToAssume?: string;
  audience: string;
  roleSessionName: string;
  maxAttempts: number;
}

export type RawInputs = Partial<
  Record<
    | 'aws-region'
    | 'benchmark'
    | 'controls'
    | 'fail-on'
    | 'coverage'
    | 'report-path'
    | 'role-to-assume'
    | 'audience'
    | 'role-session-name'
    | 'max-attempts',
    string
  >
>;

/** The default attempts per AWS request (the SDK's standard retry mode backs off between them). */
export const DEFAULT_MAX_ATTEMPTS = 5;
const MAX_MAX_ATTEMPTS = 20;
// Region codes: us-east-1, eu-central-2, us-gov-west-1, cn-northwest-1, ap-southeast-5 …
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
// IAM role ARN (IAM User Guide, "IAM identifiers"): partition, 12-digit account, role path and name.
const ROLE_ARN = /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
// AssumeRoleWithWebIdentity RoleSessionName: 2–64 characters of [\w+=,.@-].
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

function blank(v: string | undefined): v is undefined {
  return v === undefined || v.trim() === '';
}

/** Validates raw inputs (action inputs or CLI flags) into a config. */
export function validateConfig(raw: RawInputs, env: Record<string, string | undefined> = {}): AuditConfig {
  const region = blank(raw['aws-region'])
    ? env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1'
    : raw['aws-region'].trim();
  if (!REGION.test(region))
    throw new ConfigError(`aws-region '${region}' is not an AWS region code such as us-east-1`, 'aws-region');

  const benchmark = blank(raw.benchmark) ? DEFAULT_BENCHMARK : raw.benchmark.trim();
  if (!isBenchmarkId(benchmark))
    throw new ConfigError(`benchmark '${benchmark}' is not one of: ${BENCHMARK_IDS.join(', ')}`, 'benchmark');

  let controls: string[] | undefined;
  if (!blank(raw.controls)) {
    const known = getBenchmark(benchmark).controls;
    controls = [];
    for (const item of raw.controls.split(/[\s,]+/).filter(Boolean)) {
      const c = known.find((k) => k.id === item || k.number === item);
      if (!c)
        throw new ConfigError(
          `controls: '${item}' is not a control of ${benchmark}; use an id or number: ${known.map((k) => `${k.id} (${k.number})`).join(', ')}`,
          'controls',
        );
      if (!controls.includes(c.id)) controls.push(c.id);
    }
  }

  const failOn = blank(raw['fail-on']) ? 'unknown' : raw['fail-on'].trim();
  if (!(FAIL_ON_VALUES as readonly string[]).includes(failOn))
    throw new ConfigError(`fail-on '${failOn}' is not one of: ${FAIL_ON_VALUES.join(', ')}`, 'fail-on');

  const coverage = blank(raw.coverage) ? 'strict' : raw.coverage.trim();
  if (coverage !== 'strict' && coverage !== 'cloudtrail')
    throw new ConfigError(`coverage '${coverage}' is not one of: strict, cloudtrail`, 'coverage');

  const config: AuditConfig = {
    region,
    benchmark,
    failOn: failOn as FailOn,
    coverage,
    audience: blank(raw.audience) ? 'sts.amazonaws.com' : raw.audience.trim(),
    roleSessionName: blank(raw['role-session-name'])
      ? 'cis-monitoring-gate'
      : raw['role-session-name'].trim(),
    maxAttempts: DEFAULT_MAX_ATTEMPTS,
  };
  if (controls) config.controls = controls;
  if (!SESSION_NAME.test(config.roleSessionName))
    throw new ConfigError(
      `role-session-name '${config.roleSessionName}' must be 2–64 characters of letters, digits and +=,.@_-`,
      'role-session-name',
    );
  if (!blank(raw['role-to-assume'])) {
    const role = raw['role-to-assume'].trim();
    if (!ROLE_ARN.test(role))
      throw new ConfigError(
        `role-to-assume '${role}' is not an IAM role ARN such as arn:aws:iam::123456789012:role/cis-audit`,
        'role-to-assume',
      );
    config.roleToAssume = role;
  }
  if (!blank(raw['report-path'])) config.reportPath = raw['report-path'].trim();
  if (!blank(raw['max-attempts'])) {
    const n = Number(raw['max-attempts']);
    if (!Number.isInteger(n) || n < 1 || n > MAX_MAX_ATTEMPTS)
      throw new ConfigError(
        `max-attempts '${raw['max-attempts']}' must be a whole number from 1 to ${MAX_MAX_ATTEMPTS}`,
        'max-attempts',
      );
    config.maxAttempts = n;
  }
  return config;
}
