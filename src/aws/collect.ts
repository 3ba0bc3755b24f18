// Collect: the only part that reads AWS. It reads what the audit needs and no more, and records
// every failed read on the resource it was for (never swallowed, never fatal but for identity).
import {
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  type Trail,
} from '@aws-sdk/client-cloudtrail';
import {
  type CompositeAlarm,
  DescribeAlarmsCommand,
  DescribeAlarmsForMetricCommand,
  type MetricAlarm,
} from '@aws-sdk/client-cloudwatch';
import { paginateDescribeMetricFilters } from '@aws-sdk/client-cloudwatch-logs';
import { paginateListSubscriptionsByTopic } from '@aws-sdk/client-sns';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import {
  lacksDeliveringAlarm,
  lacksFiringAlarm,
  type MetricOfInterest,
  metricsWorthAlarms,
} from '../core/audit/plan.js';
import {
  type AlarmRecord,
  type CompositeAlarmRecord,
  type LogGroupRecord,
  logGroupNameFromArn,
  type MetricFilterRecord,
  metricKey,
  parseArn,
  type ReadError,
  type RegionAlarms,
  SNAPSHOT_SCHEMA_VERSION,
  type Snapshot,
  type TopicRecord,
  type TrailRecord,
} from '../core/audit/snapshot.js';
import type { CatalogControl } from '../core/catalog/catalog.js';
import type { Reading } from '../core/pattern/cover.js';
import { AwsCallError, callAws } from './aws-errors.js';
import type { ClientFactory } from './clients.js';
import { mapWithLimit } from './concurrency.js';

/** DescribeAlarms `MaxRecords`: "Valid Range: Minimum value of 1. Maximum value of 100." (CloudWatch API Reference). */
export const DESCRIBE_ALARMS_MAX_RECORDS = 100;
/** DescribeMetricFilters `limit`: "Valid Range: Minimum value of 1. Maximum value of 50." (CloudWatch Logs API Reference). */
export const DESCRIBE_METRIC_FILTERS_LIMIT = 50;
/** Regions, log groups or topics read at once. */
const CONCURRENCY = 4;
/** DescribeAlarmsForMetric calls in flight at once for one region (CloudWatch allows far more per second). */
const METRIC_LOOKUP_CONCURRENCY = 4;

export interface CollectPlan {
  region: string;
  controls: CatalogControl[];
  reading: Reading;
}

/** Thrown when the caller's identity cannot be read: nothing else can be trusted then. */
export class IdentityError extends Error {
  override readonly name = 'IdentityError';
}

async function recordError<T>(
  call: () => Promise<T>,
  onError: (e: ReadError) => void,
): Promise<T | undefined> {
  try {
    return await call();
  } catch (e) {
    if (e instanceof AwsCallError) {
      onError(e.readError);
      return undefined;
    }
    throw e;
  }
}

/** Reads the account into a snapshot: trails, their log groups' filters, the alarms on covering metrics, their topics. */
export async function collectSnapshot(clients: ClientFactory, plan: CollectPlan): Promise<Snapshot> {
  const { region } = plan;
  let identity: Snapshot['identity'];
  try {
    const who = await callAws('STS', 'GetCallerIdentity', region, () =>
      clients.sts(region).send(new GetCallerIdentityCommand({})),
    );
    identity = { arn: who.Arn ?? '', account: who.Account ?? '' };
  } catch (e) {
    if (e instanceof AwsCallError)
      throw new IdentityError(
        `could not read the caller identity (STS GetCallerIdentity in ${region}): ${e.readError.code}: ${e.readError.message}`,
      );
    throw e;
  }
  const snapshot: Snapshot = {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    takenAt: new Date().toISOString(),
    region,
    identity,
    trails: [],
    logGroups: {},
    alarms: {},
    topics: {},
  };

  const trails = await recordError(
    () =>
      callAws('CloudTrail', 'DescribeTrails', region, () =>
        clients.cloudtrail(region).send(new DescribeTrailsCommand({ includeShadowTrails: true })),
      ),
    (e) => {
      snapshot.trailsError = e;
    },
  );
  snapshot.trails = (trails?.trailList ?? []).map(toTrailRecord(region));
  // Status and selectors only matter for trails that could carry a chain.
  await mapWithLimit(
    snapshot.trails.filter((t) => t.isMultiRegion && t.logGroupArn),
    CONCURRENCY,
    (t) => readTrailState(clients, t),
  );

  const logGroupArns = [
    ...new Set(
      snapshot.trails
        .filter((t) => t.isMultiRegion && t.logGroupArn && t.status?.isLogging)
        .map((t) => t.logGroupArn!),
    ),
  ];
  const groups = await mapWithLimit(logGroupArns, CONCURRENCY, (arn) =>
    readLogGroup(clients, arn, identity!.account),
  );
  for (const g of groups) snapshot.logGroups[g.arn] = g;

  const metrics = metricsWorthAlarms(snapshot, plan.controls, plan.reading);
  const regions = [...new Set(metrics.map((m) => m.region))];
  const resume = new Map<string, string>();
  const alarmSets = await mapWithLimit(regions, CONCURRENCY, (r) =>
    readRegionAlarms(
      clients,
      r,
      metrics.filter((m) => m.region === r),
      resume,
    ),
  );
  regions.forEach((r, i) => {
    snapshot.alarms[r] = alarmSets[i]!;
  });

  await readAlarmTopics(clients, snapshot, metrics, identity.account);
  // A metric whose alarms found so far reach no confirmed subscriber: the rest of the listing could
  // still hold a metric-math or composite alarm, so reading less must not decide it.
  const unfinished = [...resume].filter(([r]) =>
    metrics.some((m) => m.region === r && lacksDeliveringAlarm(snapshot.alarms[r]!, m, snapshot.topics)),
  );
  if (unfinished.length > 0) {
    await mapWithLimit(unfinished, CONCURRENCY, ([r, token]) =>
      recordError(
        () => finishRegionAlarms(clients, r, snapshot.alarms[r]!, token),
        (e) => {
          snapshot.alarms[r]!.error = e;
        },
      ),
    );
    await readAlarmTopics(clients, snapshot, metrics, identity.account);
  }
  return snapshot;
}

// Each SNS topic in the ALARM actions of an alarm on a metric of interest, read once.
async function readAlarmTopics(
  clients: ClientFactory,
  snapshot: Snapshot,
  metrics: MetricOfInterest[],
  account: string,
): Promise<void> {
  const topicArns = new Set<string>();
  for (const m of metrics)
    for (const a of snapshot.alarms[m.region]?.metricAlarms ?? [])
      if (a.namespace === m.group.namespace && a.metricName === m.group.metricName)
        for (const action of a.alarmActions)
          if (parseArn(action)?.service === 'sns' && !snapshot.topics[action]) topicArns.add(action);
  const topics = await mapWithLimit([...topicArns], CONCURRENCY, (arn) => readTopic(clients, arn, account));
  for (const t of topics) snapshot.topics[t.arn] = t;
}

const toTrailRecord =
  (region: string) =>
  (t: Trail): TrailRecord => {
    const r: TrailRecord = {
      name: t.Name ?? '(unnamed)',
      arn: t.TrailARN ?? t.Name ?? '',
      homeRegion: t.HomeRegion ?? region,
      isMultiRegion: t.IsMultiRegionTrail === true,
      isOrganizationTrail: t.IsOrganizationTrail === true,
    };
    if (t.CloudWatchLogsLogGroupArn) r.logGroupArn = t.CloudWatchLogsLogGroupArn;
    return r;
  };

async function readTrailState(clients: ClientFactory, t: TrailRecord): Promise<void> {
  const client = clients.cloudtrail(t.homeRegion);
  const [status, selectors] = await Promise.all([
    recordError(
      () =>
        callAws('CloudTrail', 'GetTrailStatus', t.homeRegion, () =>
          client.send(new GetTrailStatusCommand({ Name: t.arn })),
        ),
      (e) => {
        t.statusError = e;
      },
    ),
    recordError(
      () =>
        callAws('CloudTrail', 'GetEventSelectors', t.homeRegion, () =>
          client.send(new GetEventSelectorsCommand({ TrailName: t.arn })),
        ),
      (e) => {
        t.selectorsError = e;
      },
    ),
  ]);
  if (status) {
    t.status = { isLogging: status.IsLogging === true };
    if (status.LatestCloudWatchLogsDeliveryError)
      t.status.latestCloudWatchLogsDeliveryError = status.LatestCloudWatchLogsDeliveryError;
  }
  if (selectors) {
    t.selectors = {};
    if (selectors.EventSelectors)
      t.selectors.basic = selectors.EventSelectors.map((s) => ({
        ...(s.ReadWriteType ? { readWriteType: s.ReadWriteType } : {}),
        ...(s.IncludeManagementEvents !== undefined
          ? { includeManagementEvents: s.IncludeManagementEvents }
          : {}),
        ...(s.ExcludeManagementEventSources?.length
          ? { excludeManagementEventSources: s.ExcludeManagementEventSources }
          : {}),
      }));
    if (selectors.AdvancedEventSelectors)
      t.selectors.advanced = selectors.AdvancedEventSelectors.map((s) => ({
        ...(s.Name ? { name: s.Name } : {}),
        fieldSelectors: (s.FieldSelectors ?? []).map((f) => ({
          field: f.Field ?? '',
          ...(f.Equals ? { equals: f.Equals } : {}),
          ...(f.NotEquals ? { notEquals: f.NotEquals } : {}),
          ...(f.StartsWith ? { startsWith: f.StartsWith } : {}),
          ...(f.NotStartsWith ? { notStartsWith: f.NotStartsWith } : {}),
          ...(f.EndsWith ? { endsWith: f.EndsWith } : {}),
          ...(f.NotEndsWith ? { notEndsWith: f.NotEndsWith } : {}),
        })),
      }));
  }
}

async function readLogGroup(clients: ClientFactory, arn: string, account: string): Promise<LogGroupRecord> {
  const parsed = parseArn(arn);
  const region = parsed?.region ?? '';
  const record: LogGroupRecord = {
    arn,
    name: logGroupNameFromArn(arn) ?? arn,
    region,
    account: parsed?.account ?? '',
  };
  if (!parsed || !logGroupNameFromArn(arn)) {
    record.error = {
      service: 'CloudWatch Logs',
      operation: 'DescribeMetricFilters',
      region,
      kind: 'error',
      code: 'InvalidArn',
      message: `not a log group ARN: ${arn}`,
    };
    return record;
  }
  if (parsed.account && account && parsed.account !== account) {
    record.error = {
      service: 'CloudWatch Logs',
      operation: 'DescribeMetricFilters',
      region,
      kind: 'unreachable',
      code: 'OtherAccount',
      message: `the log group belongs to account ${parsed.account}; these credentials read account ${account}`,
    };
    return record;
  }
  await recordError(
    () =>
      callAws('CloudWatch Logs', 'DescribeMetricFilters', region, async () => {
        const filters: MetricFilterRecord[] = [];
        for await (const page of paginateDescribeMetricFilters(
          { client: clients.logs(region), pageSize: DESCRIBE_METRIC_FILTERS_LIMIT },
          { logGroupName: record.name },
        ))
          for (const f of page.metricFilters ?? [])
            filters.push({
              filterName: f.filterName ?? '',
              filterPattern: f.filterPattern ?? '',
              metricTransformations: (f.metricTransformations ?? []).map((t) => ({
                metricName: t.metricName ?? '',
                metricNamespace: t.metricNamespace ?? '',
                metricValue: t.metricValue ?? '',
                ...(t.defaultValue !== undefined ? { defaultValue: t.defaultValue } : {}),
                ...(t.dimensions && Object.keys(t.dimensions).length > 0 ? { dimensions: t.dimensions } : {}),
                ...(t.unit ? { unit: t.unit } : {}),
              })),
            });
        record.filters = filters;
      }),
    (e) => {
      record.error = e;
    },
  );
  return record;
}

function toAlarmRecord(region: string, a: MetricAlarm): AlarmRecord {
  const r: AlarmRecord = {
    name: a.AlarmName ?? '',
    arn: a.AlarmArn ?? '',
    region,
    actionsEnabled: a.ActionsEnabled !== false,
    alarmActions: a.AlarmActions ?? [],
    okActions: a.OKActions ?? [],
    insufficientDataActions: a.InsufficientDataActions ?? [],
    dimensions: (a.Dimensions ?? []).map((d) => ({
      name: d.Name ?? '',
      ...(d.Value !== undefined ? { value: d.Value } : {}),
    })),
  };
  if (a.Namespace) r.namespace = a.Namespace;
  if (a.MetricName) r.metricName = a.MetricName;
  if (a.Statistic) r.statistic = a.Statistic;
  if (a.ExtendedStatistic) r.extendedStatistic = a.ExtendedStatistic;
  if (a.Period !== undefined) r.period = a.Period;
  if (a.Unit) r.unit = a.Unit;
  if (a.EvaluationPeriods !== undefined) r.evaluationPeriods = a.EvaluationPeriods;
  if (a.DatapointsToAlarm !== undefined) r.datapointsToAlarm = a.DatapointsToAlarm;
  if (a.Threshold !== undefined) r.threshold = a.Threshold;
  if (a.ComparisonOperator) r.comparisonOperator = a.ComparisonOperator;
  if (a.ThresholdMetricId) r.thresholdMetricId = a.ThresholdMetricId;
  if (a.Metrics && a.Metrics.length > 0)
    r.metrics = a.Metrics.map((m) => ({
      id: m.Id ?? '',
      ...(m.Expression ? { expression: m.Expression } : {}),
      ...(m.ReturnData !== undefined ? { returnData: m.ReturnData } : {}),
      ...(m.MetricStat?.Metric
        ? {
            metricStat: {
              ...(m.MetricStat.Metric.Namespace ? { namespace: m.MetricStat.Metric.Namespace } : {}),
              ...(m.MetricStat.Metric.MetricName ? { metricName: m.MetricStat.Metric.MetricName } : {}),
              dimensions: (m.MetricStat.Metric.Dimensions ?? []).map((d) => ({
                name: d.Name ?? '',
                ...(d.Value !== undefined ? { value: d.Value } : {}),
              })),
            },
          }
        : {}),
    }));
  return r;
}

function toCompositeRecord(region: string, c: CompositeAlarm): CompositeAlarmRecord {
  return {
    name: c.AlarmName ?? '',
    arn: c.AlarmArn ?? '',
    region,
    actionsEnabled: c.ActionsEnabled !== false,
    alarmActions: c.AlarmActions ?? [],
    alarmRule: c.AlarmRule ?? '',
  };
}

// One DescribeAlarms page when it is the last; otherwise DescribeAlarmsForMetric per metric, and the
// full listing (which also finds metric-math and composite alarms) only for a metric still without
// an alarm that can fire: reading less never changes a verdict.
async function readRegionAlarms(
  clients: ClientFactory,
  region: string,
  metrics: MetricOfInterest[],
  resume: Map<string, string>,
): Promise<RegionAlarms> {
  const cw = clients.cloudwatch(region);
  const result: RegionAlarms = {
    complete: false,
    metricsLookedUp: [],
    metricAlarms: [],
    compositeAlarms: [],
  };
  await recordError(
    async () => {
      const first = await describeAlarmsPage(clients, region);
      addAlarms(
        result,
        (first.MetricAlarms ?? []).map((a) => toAlarmRecord(region, a)),
      );
      result.compositeAlarms.push(...(first.CompositeAlarms ?? []).map((c) => toCompositeRecord(region, c)));
      if (!first.NextToken) {
        result.complete = true;
        return;
      }
      const found = await mapWithLimit(metrics, METRIC_LOOKUP_CONCURRENCY, (m) =>
        callAws('CloudWatch', 'DescribeAlarmsForMetric', region, () =>
          cw.send(
            new DescribeAlarmsForMetricCommand({
              Namespace: m.group.namespace,
              MetricName: m.group.metricName,
            }),
          ),
        ),
      );
      metrics.forEach((m, i) => {
        addAlarms(
          result,
          (found[i]!.MetricAlarms ?? []).map((a) => toAlarmRecord(region, a)),
        );
        result.metricsLookedUp.push(metricKey(m.group.namespace, m.group.metricName));
      });
      if (metrics.some((m) => lacksFiringAlarm(result, m)))
        await finishRegionAlarms(clients, region, result, first.NextToken);
      else resume.set(region, first.NextToken);
    },
    (e) => {
      result.error = e;
    },
  );
  return result;
}

function addAlarms(result: RegionAlarms, alarms: AlarmRecord[]): void {
  const known = new Set(result.metricAlarms.map((a) => a.arn));
  for (const a of alarms) if (!known.has(a.arn)) result.metricAlarms.push(a);
}

function describeAlarmsPage(clients: ClientFactory, region: string, token?: string) {
  return callAws('CloudWatch', 'DescribeAlarms', region, () =>
    clients.cloudwatch(region).send(
      new DescribeAlarmsCommand({
        AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
        MaxRecords: DESCRIBE_ALARMS_MAX_RECORDS,
        ...(token ? { NextToken: token } : {}),
      }),
    ),
  );
}

// The rest of a region's DescribeAlarms listing, from `token`: it also finds metric-math and
// composite alarms, which DescribeAlarmsForMetric does not return.
async function finishRegionAlarms(
  clients: ClientFactory,
  region: string,
  result: RegionAlarms,
  token: string | undefined,
): Promise<void> {
  while (token) {
    const page = await describeAlarmsPage(clients, region, token);
    addAlarms(
      result,
      (page.MetricAlarms ?? []).map((a) => toAlarmRecord(region, a)),
    );
    result.compositeAlarms.push(...(page.CompositeAlarms ?? []).map((c) => toCompositeRecord(region, c)));
    token = page.NextToken;
  }
  result.complete = true;
}

async function readTopic(clients: ClientFactory, arn: string, account: string): Promise<TopicRecord> {
  const parsed = parseArn(arn);
  const region = parsed?.region ?? '';
  const record: TopicRecord = { arn, region, account: parsed?.account ?? '' };
  await recordError(
    () =>
      callAws('SNS', 'ListSubscriptionsByTopic', region, async () => {
        const subs: TopicRecord['subscriptions'] = [];
        for await (const page of paginateListSubscriptionsByTopic(
          { client: clients.sns(region) },
          { TopicArn: arn },
        ))
          for (const s of page.Subscriptions ?? [])
            subs.push({
              subscriptionArn: s.SubscriptionArn ?? '',
              ...(s.Protocol ? { protocol: s.Protocol } : {}),
            });
        record.subscriptions = subs;
      }),
    (e) => {
      // Another account's topic that these credentials cannot read is out of reach, whatever the
      // error says (a "not found" there means "not visible from here", not "deleted").
      record.error =
        parsed && account && parsed.account !== account && e.kind !== 'throttled'
          ? {
              ...e,
              kind: 'unreachable',
              message: `the topic belongs to account ${parsed.account}: ${e.message}`,
            }
          : e;
    },
  );
  return record;
}
