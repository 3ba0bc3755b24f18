import type { AlarmRecord, Snapshot } from '../../src/core/audit/snapshot.js';
import { type BenchmarkId, getBenchmark } from '../../src/core/catalog/catalog.js';

export const ACCOUNT = '123456789012';
export const LOG_GROUP = 'aws-cloudtrail-logs/cis';
export const LG_ARN = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${LOG_GROUP}:*`;
export const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:cis-alarms`;
export const TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/cis-trail`;

/** An alarm as the CIS remediation prescribes it: Sum >= 1 over 300 s, one period, notifying TOPIC. */
export function cisAlarm(metricName: string, overrides: Partial<AlarmRecord> = {}): AlarmRecord {
  return {
    name: metricName,
    arn: `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:${metricName}`,
    region: 'us-east-1',
    actionsEnabled: true,
    alarmActions: [TOPIC],
    okActions: [],
    insufficientDataActions: [],
    namespace: 'CISBenchmark',
    metricName,
    dimensions: [],
    statistic: 'Sum',
    period: 300,
    evaluationPeriods: 1,
    threshold: 1,
    comparisonOperator: 'GreaterThanOrEqualToThreshold',
    ...overrides,
  };
}

/** A snapshot of an account set up exactly as the CIS remediation prescribes, for every control of a benchmark. */
export function compliantSnapshot(benchmark: BenchmarkId = 'cis-6.0'): Snapshot {
  const controls = getBenchmark(benchmark).controls;
  return {
    schemaVersion: 1,
    takenAt: '2026-11-24T00:00:00.000Z',
    region: 'us-east-1',
    identity: { arn: `arn:aws:sts::${ACCOUNT}:assumed-role/cis-audit/gate`, account: ACCOUNT },
    trails: [
      {
        name: 'cis-trail',
        arn: TRAIL_ARN,
        homeRegion: 'us-east-1',
        isMultiRegion: true,
        isOrganizationTrail: false,
        logGroupArn: LG_ARN,
        status: { isLogging: true },
        selectors: { basic: [{ readWriteType: 'All', includeManagementEvents: true }] },
      },
    ],
    logGroups: {
      [LG_ARN]: {
        arn: LG_ARN,
        name: LOG_GROUP,
        region: 'us-east-1',
        account: ACCOUNT,
        filters: controls.map((c) => ({
          filterName: c.id,
          filterPattern: c.exactText ?? c.references[0]!,
          metricTransformations: [{ metricName: c.id, metricNamespace: 'CISBenchmark', metricValue: '1' }],
        })),
      },
    },
    alarms: {
      'us-east-1': {
        complete: true,
        metricsLookedUp: [],
        metricAlarms: controls.map((c) => cisAlarm(c.id)),
        compositeAlarms: [],
      },
    },
    topics: {
      [TOPIC]: {
        arn: TOPIC,
        region: 'us-east-1',
        account: ACCOUNT,
        subscriptions: [
          { subscriptionArn: `${TOPIC}:0f9d6d2c-1111-2222-3333-444455556666`, protocol: 'email' },
        ],
      },
    },
  };
}

/** The log group's filter for a control. */
export function filterOf(s: Snapshot, id: string) {
  const f = s.logGroups[LG_ARN]!.filters!.find((x) => x.filterName === id);
  if (!f) throw new Error(`no filter ${id}`);
  return f;
}

/** The alarm for a control. */
export function alarmOf(s: Snapshot, id: string): AlarmRecord {
  const a = s.alarms['us-east-1']!.metricAlarms.find((x) => x.name === id);
  if (!a) throw new Error(`no alarm ${id}`);
  return a;
}

/** Removes a control's filter from the log group. */
export function withoutFilter(s: Snapshot, id: string): void {
  const lg = s.logGroups[LG_ARN]!;
  lg.filters = lg.filters!.filter((f) => f.filterName !== id);
}
