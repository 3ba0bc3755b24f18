// The snapshot: everything the audit read from AWS, as plain JSON. `audit --save-snapshot` writes it,
// `audit --snapshot` evaluates one offline, and the unit tests are written as snapshots.

export const SNAPSHOT_SCHEMA_VERSION = 1;

/** A read that failed, recorded on the resource it was for. */
export interface ReadError {
  service: string;
  operation: string;
  region: string;
  /**
   * access-denied: grant `iamAction`; throttled: retries ran out; unreachable: another account;
   * not-found: the resource does not exist (a broken link, not an unknown one); error: anything else.
   */
  kind: 'access-denied' | 'throttled' | 'unreachable' | 'not-found' | 'error';
  code: string;
  message: string;
  iamAction?: string;
}

export interface BasicEventSelector {
  readWriteType?: string;
  includeManagementEvents?: boolean;
  excludeManagementEventSources?: string[];
}

export interface AdvancedFieldSelector {
  field: string;
  equals?: string[];
  notEquals?: string[];
  startsWith?: string[];
  notStartsWith?: string[];
  endsWith?: string[];
  notEndsWith?: string[];
}

export interface TrailRecord {
  name: string;
  arn: string;
  homeRegion: string;
  isMultiRegion: boolean;
  isOrganizationTrail: boolean;
  logGroupArn?: string;
  status?: { isLogging: boolean; latestCloudWatchLogsDeliveryError?: string };
  statusError?: ReadError;
  selectors?: {
    basic?: BasicEventSelector[];
    advanced?: Array<{ name?: string; fieldSelectors: AdvancedFieldSelector[] }>;
  };
  selectorsError?: ReadError;
}

export interface MetricTransformationRecord {
  metricName: string;
  metricNamespace: string;
  metricValue: string;
  defaultValue?: number;
  /** Dimension name → the `$.field` its value comes from. */
  dimensions?: Record<string, string>;
  unit?: string;
}

export interface MetricFilterRecord {
  filterName: string;
  filterPattern: string;
  metricTransformations: MetricTransformationRecord[];
}

export interface LogGroupRecord {
  arn: string;
  name: string;
  region: string;
  account: string;
  filters?: MetricFilterRecord[];
  error?: ReadError;
}

export interface MetricStatRecord {
  namespace?: string;
  metricName?: string;
  dimensions: Array<{ name: string; value?: string }>;
}

export interface AlarmRecord {
  name: string;
  arn: string;
  region: string;
  actionsEnabled: boolean;
  alarmActions: string[];
  okActions: string[];
  insufficientDataActions: string[];
  namespace?: string;
  metricName?: string;
  dimensions: Array<{ name: string; value?: string }>;
  statistic?: string;
  extendedStatistic?: string;
  period?: number;
  unit?: string;
  evaluationPeriods?: number;
  datapointsToAlarm?: number;
  threshold?: number;
  comparisonOperator?: string;
  thresholdMetricId?: string;
  /** Metric-math queries: the metrics they read. */
  metrics?: Array<{ id: string; expression?: string; metricStat?: MetricStatRecord; returnData?: boolean }>;
}

export interface CompositeAlarmRecord {
  name: string;
  arn: string;
  region: string;
  actionsEnabled: boolean;
  alarmActions: string[];
  alarmRule: string;
}

export interface RegionAlarms {
  /** Every alarm of the region was read (DescribeAlarms to its last page). */
  complete: boolean;
  /** Metrics (`namespace/metricName`) whose alarms were read with DescribeAlarmsForMetric. */
  metricsLookedUp: string[];
  metricAlarms: AlarmRecord[];
  compositeAlarms: CompositeAlarmRecord[];
  error?: ReadError;
}

export interface SubscriptionRecord {
  subscriptionArn: string;
  protocol?: string;
  endpoint?: string;
}

export interface TopicRecord {
  arn: string;
  region: string;
  account: string;
  subscriptions?: SubscriptionRecord[];
  error?: ReadError;
}

export interface Snapshot {
  schemaVersion: typeof SNAPSHOT_SCHEMA_VERSION;
  takenAt: string;
  region: string;
  identity?: { arn: string; account: string };
  trails: TrailRecord[];
  trailsError?: ReadError;
  logGroups: Record<string, LogGroupRecord>;
  alarms: Record<string, RegionAlarms>;
  topics: Record<string, TopicRecord>;
}

/** The key under which a metric's alarms are looked up. */
export function metricKey(namespace: string, metricName: string): string {
  return `${namespace}/${metricName}`;
}

/** Region, account and resource of an ARN, or undefined for text that is not one. */
export function parseArn(
  arn: string,
): { partition: string; service: string; region: string; account: string; resource: string } | undefined {
  const m = /^arn:([^:]+):([^:]+):([^:]*):([^:]*):(.+)$/.exec(arn);
  if (!m) return undefined;
  return { partition: m[1]!, service: m[2]!, region: m[3]!, account: m[4]!, resource: m[5]! };
}

/** The log group name inside a CloudTrail `CloudWatchLogsLogGroupArn` (which ends in `:*`). */
export function logGroupNameFromArn(arn: string): string | undefined {
  const parsed = parseArn(arn);
  if (parsed?.service !== 'logs' || !parsed.resource.startsWith('log-group:')) return undefined;
  return parsed.resource.slice('log-group:'.length).replace(/:\*$/, '');
}
