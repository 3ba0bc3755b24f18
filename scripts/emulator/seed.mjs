// Seeds an emulated AWS account from a declarative spec, with the real SDK. For the emulator only:
// the gate itself never writes to an account.
import {
  CloudTrailClient,
  CreateTrailCommand,
  PutEventSelectorsCommand,
  StartLoggingCommand,
} from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  PutMetricFilterCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';

export const ACCOUNT = '123456789012';
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };

function clients(endpoint) {
  const cache = new Map();
  const get = (Kind, region) => {
    const key = `${Kind.name}/${region}`;
    if (!cache.has(key)) cache.set(key, new Kind({ region, endpoint, credentials, forcePathStyle: true }));
    return cache.get(key);
  };
  return {
    s3: (r) => get(S3Client, r),
    trail: (r) => get(CloudTrailClient, r),
    logs: (r) => get(CloudWatchLogsClient, r),
    cw: (r) => get(CloudWatchClient, r),
    sns: (r) => get(SNSClient, r),
  };
}

/** The ARN of a topic the spec names, in its region. */
export function topicArn(region, name) {
  return `arn:aws:sns:${region}:${ACCOUNT}:${name}`;
}

/** The ARN CloudTrail records for a log group. */
export function logGroupArn(region, name) {
  return `arn:aws:logs:${region}:${ACCOUNT}:log-group:${name}:*`;
}

async function createLogGroup(c, region, name, made) {
  const key = `${region}/${name}`;
  if (made.has(key)) return;
  made.add(key);
  try {
    await c.logs(region).send(new CreateLogGroupCommand({ logGroupName: name }));
  } catch (e) {
    if (e.name !== 'ResourceAlreadyExistsException') throw e;
  }
}

/** Creates what the spec describes. See README "Testing" for the spec's fields. */
export async function seedAccount(endpoint, spec) {
  const c = clients(endpoint);
  const home = spec.region ?? 'us-east-1';
  const madeGroups = new Set();
  for (const t of spec.topics ?? []) {
    const region = t.region ?? home;
    const { TopicArn } = await c.sns(region).send(new CreateTopicCommand({ Name: t.name }));
    for (let i = 0; i < (t.subscribers ?? 1); i++)
      await c
        .sns(region)
        .send(new SubscribeCommand({ TopicArn, Protocol: 'email', Endpoint: `security-${i}@example.com` }));
  }
  for (const [i, t] of (spec.trails ?? []).entries()) {
    const region = t.region ?? home;
    const bucket = `cis-gate-trail-${i}-${Date.now().toString(36)}`;
    await c.s3(region).send(
      new CreateBucketCommand({
        Bucket: bucket,
        ...(region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region } }),
      }),
    );
    const input = { Name: t.name, S3BucketName: bucket, IsMultiRegionTrail: t.multiRegion !== false };
    if (t.logGroup) {
      const lgRegion = t.logGroup.region ?? region;
      await createLogGroup(c, lgRegion, t.logGroup.name, madeGroups);
      input.CloudWatchLogsLogGroupArn = logGroupArn(lgRegion, t.logGroup.name);
      input.CloudWatchLogsRoleArn = `arn:aws:iam::${ACCOUNT}:role/cloudtrail-to-cloudwatch`;
    }
    await c.trail(region).send(new CreateTrailCommand(input));
    // AWS gives a new trail the selector below; moto gives none, so it is put explicitly.
    const selectors = t.advancedEventSelectors
      ? { AdvancedEventSelectors: t.advancedEventSelectors }
      : { EventSelectors: t.eventSelectors ?? [{ ReadWriteType: 'All', IncludeManagementEvents: true }] };
    await c.trail(region).send(new PutEventSelectorsCommand({ TrailName: t.name, ...selectors }));
    if (t.logging !== false) await c.trail(region).send(new StartLoggingCommand({ Name: t.name }));
  }
  for (const f of spec.filters ?? []) {
    const region = f.region ?? home;
    await createLogGroup(c, region, f.logGroup, madeGroups);
    const transformation = {
      metricName: f.metricName,
      metricNamespace: f.namespace ?? 'CISBenchmark',
      metricValue: f.value ?? '1',
      ...(f.defaultValue !== undefined ? { defaultValue: f.defaultValue } : {}),
      ...(f.dimensions ? { dimensions: f.dimensions } : {}),
      ...(f.unit ? { unit: f.unit } : {}),
    };
    await c.logs(region).send(
      new PutMetricFilterCommand({
        logGroupName: f.logGroup,
        filterName: f.name,
        filterPattern: f.pattern,
        metricTransformations: [transformation],
      }),
    );
  }
  for (const a of spec.alarms ?? []) {
    const region = a.region ?? home;
    const arns = (list) =>
      (list ?? []).map((t) => (t.startsWith('arn:') ? t : topicArn(a.topicRegion ?? home, t)));
    await c.cw(region).send(
      new PutMetricAlarmCommand({
        AlarmName: a.name,
        MetricName: a.metricName,
        Namespace: a.namespace ?? 'CISBenchmark',
        Statistic: a.statistic ?? 'Sum',
        Period: a.period ?? 300,
        EvaluationPeriods: a.evaluationPeriods ?? 1,
        ...(a.datapointsToAlarm ? { DatapointsToAlarm: a.datapointsToAlarm } : {}),
        Threshold: a.threshold ?? 1,
        ComparisonOperator: a.comparison ?? 'GreaterThanOrEqualToThreshold',
        ActionsEnabled: a.actionsEnabled !== false,
        AlarmActions: arns(a.topics),
        OKActions: arns(a.okTopics),
        ...(a.unit ? { Unit: a.unit } : {}),
        ...(a.dimensions ? { Dimensions: a.dimensions } : {}),
      }),
    );
  }
  await seedNoise(c, home, spec.noise);
}

// Unrelated resources, to show the audit's requests do not grow with them.
async function seedNoise(c, home, noise) {
  if (!noise) return;
  const regions = noise.regions ?? [home];
  const pool = async (n, fn) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < n) await fn(next++);
      }),
    );
  };
  await pool(noise.logGroups ?? 0, (i) =>
    c.logs(regions[i % regions.length]).send(new CreateLogGroupCommand({ logGroupName: `noise/app-${i}` })),
  );
  await pool(noise.topics ?? 0, (i) =>
    c.sns(regions[i % regions.length]).send(new CreateTopicCommand({ Name: `noise-topic-${i}` })),
  );
  await pool(noise.alarms ?? 0, (i) =>
    c.cw(regions[i % regions.length]).send(
      new PutMetricAlarmCommand({
        AlarmName: `noise-alarm-${i}`,
        MetricName: `AppMetric${i % 50}`,
        Namespace: 'App/Noise',
        Statistic: 'Average',
        Period: 60,
        EvaluationPeriods: 3,
        Threshold: 80,
        ComparisonOperator: 'GreaterThanThreshold',
      }),
    ),
  );
}

/**
 * The account the CIS remediation prescribes: one multi-region trail to CloudWatch Logs, one filter
 * and one `Sum >= 1` alarm per control, one topic with a confirmed subscriber.
 */
export function compliantSpec(controls, options = {}) {
  const region = options.region ?? 'us-east-1';
  const topicRegion = options.topicRegion ?? region;
  const logGroup = options.logGroup ?? 'aws-cloudtrail-logs/cis';
  return {
    region,
    trails: [{ name: 'cis-trail', logGroup: { name: logGroup } }],
    topics: [{ name: 'cis-alarms', region: topicRegion }],
    filters: controls.map((c) => ({ logGroup, name: c.id, pattern: c.pattern, metricName: c.id })),
    alarms: controls.map((c) => ({ name: c.id, metricName: c.id, topics: ['cis-alarms'], topicRegion })),
  };
}
