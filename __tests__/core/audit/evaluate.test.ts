import { decideGate } from '../../../src/core/audit/decide.js';
import { evaluateSnapshot } from '../../../src/core/audit/evaluate.js';
import type { Snapshot } from '../../../src/core/audit/snapshot.js';
import { BENCHMARK_IDS, type BenchmarkId, getBenchmark } from '../../../src/core/catalog/catalog.js';
import type { Reading } from '../../../src/core/pattern/cover.js';
import {
  ACCOUNT,
  alarmOf,
  cisAlarm,
  compliantSnapshot,
  filterOf,
  LG_ARN,
  TOPIC,
  withoutFilter,
} from '../../helpers/snapshots.js';

function evaluate(s: Snapshot, benchmark: BenchmarkId = 'cis-6.0', reading: Reading = 'strict') {
  return evaluateSnapshot(s, getBenchmark(benchmark), undefined, { reading });
}
const statusOf = (s: Snapshot, id: string, benchmark: BenchmarkId = 'cis-6.0') => {
  const f = evaluate(s, benchmark).find((x) => x.id === id)!;
  return f;
};
/** The ids of the controls that do not PASS. */
const notPassing = (s: Snapshot, benchmark: BenchmarkId = 'cis-6.0') =>
  evaluate(s, benchmark)
    .filter((f) => f.status !== 'PASS')
    .map((f) => `${f.id}:${f.status}`);

describe('the chain on a compliant account', () => {
  it.each(BENCHMARK_IDS)('passes every control of %s', (b) => {
    expect(notPassing(compliantSnapshot(b), b)).toEqual([]);
  });

  it('shows the whole chain of a passing control, link by link', () => {
    const f = statusOf(compliantSnapshot(), 'root-usage');
    expect(f.chain.map((l) => `${l.link}:${l.status}`)).toEqual([
      'trail:ok',
      'log-group:ok',
      'filter:ok',
      'alarm:ok',
      'topic:ok',
      'subscription:ok',
    ]);
  });
});

// Each single defect fails exactly the control it touches, with a reason naming the link.
describe('one defect, one failing control', () => {
  it.each<[string, (s: Snapshot) => void, string, RegExp]>([
    [
      '&& where || was meant',
      (s) => {
        filterOf(s, 'vpc-changes').filterPattern = filterOf(s, 'vpc-changes').filterPattern.replaceAll(
          '||',
          '&&',
        );
      },
      'vpc-changes',
      /^filter: .*`&&` joins event names/,
    ],
    [
      'an extra narrowing condition',
      (s) => {
        filterOf(s, 'root-usage').filterPattern = filterOf(s, 'root-usage').filterPattern.replace(
          ' }',
          ' && $.recipientAccountId = "111111111111" }',
        );
      },
      'root-usage',
      /^filter: .*extra condition `\$\.recipientAccountId/,
    ],
    [
      'a missing event name',
      (s) => {
        filterOf(s, 's3-bucket-policy-changes').filterPattern = filterOf(
          s,
          's3-bucket-policy-changes',
        ).filterPattern.replace('($.eventName = DeleteBucketCors) || ', '');
      },
      's3-bucket-policy-changes',
      /^filter: .*DeleteBucketCors/,
    ],
    [
      'a metric value that is not a positive constant',
      (s) => {
        filterOf(s, 'nacl-changes').metricTransformations[0]!.metricValue = '0';
      },
      'nacl-changes',
      /^filter: .*metricValue "0"/,
    ],
    [
      'an alarm in another namespace',
      (s) => {
        alarmOf(s, 'iam-policy-changes').namespace = 'Custom/CIS';
      },
      'iam-policy-changes',
      /^alarm: no alarm on CISBenchmark\/iam-policy-changes .*namespace Custom\/CIS/,
    ],
    [
      'no alarm at all',
      (s) => {
        s.alarms['us-east-1']!.metricAlarms = s.alarms['us-east-1']!.metricAlarms.filter(
          (a) => a.name !== 'config-changes',
        );
      },
      'config-changes',
      /^alarm: no alarm on CISBenchmark\/config-changes in us-east-1/,
    ],
    [
      'disabled alarm actions',
      (s) => {
        alarmOf(s, 'console-auth-failures').actionsEnabled = false;
      },
      'console-auth-failures',
      /^alarm: .*ActionsEnabled is false/,
    ],
    [
      'SNS only on OK',
      (s) => {
        Object.assign(alarmOf(s, 'nacl-changes'), { alarmActions: [], okActions: [TOPIC] });
      },
      'nacl-changes',
      /only on OK or INSUFFICIENT_DATA/,
    ],
    [
      'an unreachable threshold',
      (s) => {
        alarmOf(s, 'cmk-disable-or-deletion').threshold = 100;
      },
      'cmk-disable-or-deletion',
      /needs Sum >= 100; one matching event gives 1/,
    ],
    [
      'a strict threshold one event cannot pass',
      (s) => {
        alarmOf(s, 'vpc-changes').comparisonOperator = 'GreaterThanThreshold';
      },
      'vpc-changes',
      /needs Sum > 1/,
    ],
    [
      'two breaching periods',
      (s) => {
        Object.assign(alarmOf(s, 'route-table-changes'), { evaluationPeriods: 3, datapointsToAlarm: 2 });
      },
      'route-table-changes',
      /needs 2 breaching periods/,
    ],
    [
      'Average diluted by a defaultValue',
      (s) => {
        alarmOf(s, 'network-gateway-changes').statistic = 'Average';
        filterOf(s, 'network-gateway-changes').metricTransformations[0]!.defaultValue = 0;
      },
      'network-gateway-changes',
      /defaultValue 0 dilutes/,
    ],
    [
      'a unit the filter does not publish',
      (s) => {
        alarmOf(s, 'organizations-changes').unit = 'Seconds';
      },
      'organizations-changes',
      /unit Seconds/,
    ],
    [
      'dimensions the filter does not publish',
      (s) => {
        alarmOf(s, 'security-group-changes').dimensions = [{ name: 'Account', value: ACCOUNT }];
      },
      'security-group-changes',
      /uses dimensions the filter does not publish/,
    ],
    [
      'an alarm that fires when the metric is low',
      (s) => {
        alarmOf(s, 'cloudtrail-config-changes').comparisonOperator = 'LessThanThreshold';
      },
      'cloudtrail-config-changes',
      /fires when the metric is low/,
    ],
  ])('%s fails only that control', (_defect, mutate, id, reason) => {
    const s = compliantSnapshot();
    mutate(s);
    expect(notPassing(s)).toEqual([`${id}:FAIL`]);
    expect(statusOf(s, id).reason).toMatch(reason);
  });

  it('fails every control when the topic has only a pending subscription', () => {
    const s = compliantSnapshot();
    s.topics[TOPIC]!.subscriptions = [{ subscriptionArn: 'PendingConfirmation', protocol: 'email' }];
    const f = evaluate(s);
    expect(f.every((x) => x.status === 'FAIL')).toBe(true);
    expect(f[0]!.reason).toBe(
      'subscription: topic cis-alarms has no confirmed subscriber (1 pending confirmation)',
    );
  });

  it('passes with a topic in another region, read in that region', () => {
    const s = compliantSnapshot();
    const other = `arn:aws:sns:eu-west-1:${ACCOUNT}:cis-alarms`;
    for (const a of s.alarms['us-east-1']!.metricAlarms) a.alarmActions = [other];
    s.topics = { [other]: { ...s.topics[TOPIC]!, arn: other, region: 'eu-west-1' } };
    expect(notPassing(s)).toEqual([]);
    expect(statusOf(s, 'root-usage').reason).toContain('topic cis-alarms (eu-west-1)');
  });
});

describe('the trail link', () => {
  it.each<[string, (s: Snapshot) => void, RegExp]>([
    [
      'single-region',
      (s) => {
        s.trails[0]!.isMultiRegion = false;
      },
      /is single-region/,
    ],
    [
      'not logging',
      (s) => {
        s.trails[0]!.status = { isLogging: false };
      },
      /is not logging/,
    ],
    [
      'failing to deliver to CloudWatch Logs',
      (s) => {
        s.trails[0]!.status = { isLogging: true, latestCloudWatchLogsDeliveryError: 'AccessDenied' };
      },
      /cannot deliver to CloudWatch Logs/,
    ],
    [
      'without a log group',
      (s) => {
        delete s.trails[0]!.logGroupArn;
      },
      /no log group/,
    ],
    [
      'with write-only management events',
      (s) => {
        s.trails[0]!.selectors = { basic: [{ readWriteType: 'WriteOnly', includeManagementEvents: true }] };
      },
      /do not capture read management events/,
    ],
    [
      'with management events left out',
      (s) => {
        s.trails[0]!.selectors = { basic: [{ readWriteType: 'All', includeManagementEvents: false }] };
      },
      /no event selector includes management events/,
    ],
    [
      'with advanced selectors restricted to readOnly',
      (s) => {
        s.trails[0]!.selectors = {
          advanced: [
            {
              fieldSelectors: [
                { field: 'eventCategory', equals: ['Management'] },
                { field: 'readOnly', equals: ['true'] },
              ],
            },
          ],
        };
      },
      /do not capture write management events/,
    ],
  ])('fails every control on a trail %s', (_case, mutate, reason) => {
    const s = compliantSnapshot();
    mutate(s);
    const f = evaluate(s);
    expect(f.map((x) => x.status)).toEqual(f.map(() => 'FAIL'));
    expect(f[0]!.reason).toMatch(reason);
  });

  it('counts a ReadOnly and a WriteOnly selector together as All', () => {
    const s = compliantSnapshot();
    s.trails[0]!.selectors = { basic: [{ readWriteType: 'ReadOnly' }, { readWriteType: 'WriteOnly' }] };
    expect(notPassing(s)).toEqual([]);
  });

  it('accepts advanced selectors for management events without a readOnly restriction', () => {
    const s = compliantSnapshot();
    s.trails[0]!.selectors = {
      advanced: [{ name: 'mgmt', fieldSelectors: [{ field: 'eventCategory', equals: ['Management'] }] }],
    };
    expect(notPassing(s)).toEqual([]);
  });

  it('accepts advanced readOnly=true and readOnly=false selectors together', () => {
    const s = compliantSnapshot();
    s.trails[0]!.selectors = {
      advanced: ['true', 'false'].map((v) => ({
        fieldSelectors: [
          { field: 'eventCategory', equals: ['Management'] },
          { field: 'readOnly', equals: [v] },
        ],
      })),
    };
    expect(notPassing(s)).toEqual([]);
  });

  it('fails only the KMS control when KMS management events are excluded, and notes it on the others', () => {
    const s = compliantSnapshot();
    s.trails[0]!.selectors = {
      basic: [
        {
          readWriteType: 'All',
          includeManagementEvents: true,
          excludeManagementEventSources: ['kms.amazonaws.com'],
        },
      ],
    };
    expect(notPassing(s)).toEqual(['cmk-disable-or-deletion:FAIL']);
    expect(statusOf(s, 'cmk-disable-or-deletion').reason).toMatch(/kms\.amazonaws\.com are excluded/);
    expect(statusOf(s, 'root-usage').notes.join(' ')).toMatch(
      /excludes management events from kms\.amazonaws\.com/,
    );
  });

  it('passes when one of two trails holds, showing the one that holds', () => {
    const s = compliantSnapshot();
    const broken = {
      ...s.trails[0]!,
      name: 'old-trail',
      arn: s.trails[0]!.arn.replace('cis-trail', 'old-trail'),
      isMultiRegion: false,
    };
    s.trails.unshift(broken);
    expect(notPassing(s)).toEqual([]);
    expect(statusOf(s, 'vpc-changes').chain[0]!.resource).toContain('cis-trail');
  });

  it('fails every control in an account without trails', () => {
    const s = compliantSnapshot();
    s.trails = [];
    expect(evaluate(s)[0]!.reason).toBe('trail: no CloudTrail trail in this account');
  });
});

describe('the filter link', () => {
  it('passes two filters that feed one metric and cover together', () => {
    const s = compliantSnapshot();
    const f = filterOf(s, 'vpc-changes');
    const clauses = f.filterPattern.slice(1, -1).split('||');
    f.filterPattern = `{ ${clauses.slice(0, 5).join('||')} }`;
    s.logGroups[LG_ARN]!.filters!.push({
      filterName: 'vpc-changes-2',
      filterPattern: `{ ${clauses.slice(5).join('||')} }`,
      metricTransformations: [
        { metricName: 'vpc-changes', metricNamespace: 'CISBenchmark', metricValue: '1' },
      ],
    });
    expect(notPassing(s)).toEqual([]);
    expect(statusOf(s, 'vpc-changes').chain[2]!.detail).toContain('vpc-changes + vpc-changes-2');
  });

  it('passes one broad filter that covers several controls', () => {
    const s = compliantSnapshot();
    filterOf(s, 'vpc-changes').filterPattern = '{ $.eventName = "*Vpc*" }';
    expect(notPassing(s)).toEqual([]);
  });

  it('is UNKNOWN, never PASS, when the filter pattern does not parse', () => {
    const s = compliantSnapshot();
    filterOf(s, 'vpc-changes').filterPattern = '{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc }';
    const f = statusOf(s, 'vpc-changes');
    expect(f.status).toBe('UNKNOWN');
    expect(f.reason).toMatch(/does not parse: expected '\)' .* at character \d+/);
  });

  it('fails the v4.0 security-group filter under cis-5.0 and passes it under cis-4.0', () => {
    const s = compliantSnapshot('cis-4.0');
    expect(statusOf(s, 'security-group-changes', 'cis-4.0').status).toBe('PASS');
    const f = statusOf(s, 'security-group-changes', 'cis-5.0');
    expect(f.status).toBe('FAIL');
    expect(f.reason).toContain('ModifySecurityGroupRules');
  });

  it('fails under Security Hub a filter that covers but is not the exact text', () => {
    const s = compliantSnapshot('security-hub');
    filterOf(s, 'vpc-changes').filterPattern = getBenchmark('cis-6.0')
      .controls.find((c) => c.id === 'vpc-changes')!
      .references[0]!.replace(/= (\w+)\)/g, '= "$1")');
    const f = statusOf(s, 'vpc-changes', 'security-hub');
    expect(f.status).toBe('FAIL');
    expect(f.reason).toMatch(/covers the control; Security Hub still demands this exact text/);
  });

  it('passes MFAUsed = "No" only under the CloudTrail reading, saying so', () => {
    const s = compliantSnapshot();
    filterOf(s, 'console-signin-without-mfa').filterPattern =
      '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed = "No") }';
    expect(statusOf(s, 'console-signin-without-mfa').status).toBe('FAIL');
    const lenient = evaluate(s, 'cis-6.0', 'cloudtrail').find((x) => x.id === 'console-signin-without-mfa')!;
    expect(lenient.status).toBe('PASS');
    expect(lenient.notes.join(' ')).toMatch(/strict reading gap/);
  });
});

describe('alarms the engine cannot decide', () => {
  it('is UNKNOWN when only a metric-math alarm reads the metric', () => {
    const s = compliantSnapshot();
    const ra = s.alarms['us-east-1']!;
    ra.metricAlarms = ra.metricAlarms.filter((a) => a.name !== 'root-usage');
    ra.metricAlarms.push(
      cisAlarm('root-math', {
        metricName: undefined as never,
        namespace: undefined as never,
        metrics: [
          {
            id: 'm1',
            metricStat: { namespace: 'CISBenchmark', metricName: 'root-usage', dimensions: [] },
            returnData: false,
          },
          { id: 'e1', expression: 'm1 * 2', returnData: true },
        ],
      }),
    );
    const f = statusOf(s, 'root-usage');
    expect(f.status).toBe('UNKNOWN');
    expect(f.reason).toMatch(/metric-math alarm root-math reads CISBenchmark\/root-usage/);
  });

  it('is UNKNOWN when a composite alarm over a silent metric alarm may notify', () => {
    const s = compliantSnapshot();
    Object.assign(alarmOf(s, 'root-usage'), { alarmActions: [] });
    s.alarms['us-east-1']!.compositeAlarms.push({
      name: 'security',
      arn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:security',
      region: 'us-east-1',
      actionsEnabled: true,
      alarmActions: [TOPIC],
      alarmRule: 'ALARM("root-usage") OR ALARM("other")',
    });
    expect(statusOf(s, 'root-usage').status).toBe('UNKNOWN');
  });

  it('is UNKNOWN when alarms on the metric were not read', () => {
    const s = compliantSnapshot();
    s.alarms['us-east-1'] = {
      complete: false,
      metricsLookedUp: ['CISBenchmark/vpc-changes'],
      metricAlarms: [alarmOf(s, 'vpc-changes')],
      compositeAlarms: [],
    };
    expect(statusOf(s, 'vpc-changes').status).toBe('PASS');
    expect(statusOf(s, 'root-usage').status).toBe('UNKNOWN');
  });
});

describe('reads that failed', () => {
  const denied = (service: string, operation: string, action: string) => ({
    service,
    operation,
    region: 'us-east-1',
    kind: 'access-denied' as const,
    code: 'AccessDenied',
    message: 'not authorized',
    iamAction: action,
  });

  it('makes every control UNKNOWN when the metric filters cannot be read, naming the IAM action', () => {
    const s = compliantSnapshot();
    s.logGroups[LG_ARN] = {
      ...s.logGroups[LG_ARN]!,
      error: denied('CloudWatch Logs', 'DescribeMetricFilters', 'logs:DescribeMetricFilters'),
    };
    delete s.logGroups[LG_ARN]!.filters;
    const f = evaluate(s);
    expect(f.every((x) => x.status === 'UNKNOWN')).toBe(true);
    expect(f[0]!.reason).toMatch(
      /access denied to CloudWatch Logs DescribeMetricFilters in us-east-1: grant logs:DescribeMetricFilters/,
    );
  });

  it('makes passing controls UNKNOWN and keeps earlier failures FAIL when subscriptions cannot be read', () => {
    const s = compliantSnapshot();
    s.topics[TOPIC] = {
      arn: TOPIC,
      region: 'us-east-1',
      account: ACCOUNT,
      error: denied('SNS', 'ListSubscriptionsByTopic', 'sns:ListSubscriptionsByTopic'),
    };
    alarmOf(s, 'vpc-changes').threshold = 5;
    const f = evaluate(s);
    expect(f.find((x) => x.id === 'vpc-changes')!.status).toBe('FAIL');
    expect(f.filter((x) => x.id !== 'vpc-changes').every((x) => x.status === 'UNKNOWN')).toBe(true);
    expect(decideGate(f, 'unknown').failsGate).toBe(true);
    expect(decideGate(f, 'fail').failsGate).toBe(true);
  });

  it('is UNKNOWN for a log group in another account', () => {
    const s = compliantSnapshot();
    s.logGroups[LG_ARN] = {
      ...s.logGroups[LG_ARN]!,
      error: {
        service: 'CloudWatch Logs',
        operation: 'DescribeMetricFilters',
        region: 'us-east-1',
        kind: 'unreachable',
        code: 'OtherAccount',
        message: 'the log group belongs to account 999999999999',
      },
    };
    expect(evaluate(s)[0]!.reason).toMatch(/out of reach: the log group belongs to account 999999999999/);
  });

  it('is UNKNOWN everywhere when trails cannot be listed', () => {
    const s = compliantSnapshot();
    s.trailsError = denied('CloudTrail', 'DescribeTrails', 'cloudtrail:DescribeTrails');
    s.trails = [];
    expect(evaluate(s).every((x) => x.status === 'UNKNOWN')).toBe(true);
  });
});

describe('the gate decision', () => {
  it.each([
    ['unknown', ['PASS', 'UNKNOWN'], 'fail', true],
    ['fail', ['PASS', 'UNKNOWN'], 'fail', false],
    ['fail', ['PASS', 'FAIL'], 'fail', true],
    ['never', ['FAIL'], 'fail', false],
    ['unknown', ['PASS', 'WAIVED'], 'pass', false],
  ] as const)('fail-on %s with %j: result %s, fails the job: %s', (failOn, statuses, result, fails) => {
    const findings = statuses.map((status) => ({ status }) as never);
    const d = decideGate(findings, failOn);
    expect(d.result).toBe(result);
    expect(d.failsGate).toBe(fails);
  });
});

describe('remediation', () => {
  it("uses the account's real log group and topic in the commands", () => {
    const s = compliantSnapshot();
    withoutFilter(s, 'vpc-changes');
    const f = statusOf(s, 'vpc-changes');
    const text = f.remediation!.commands.join('\n');
    expect(text).toContain("--log-group-name 'aws-cloudtrail-logs/cis'");
    expect(text).toContain("--filter-name 'vpc-changes'");
    expect(text).toContain(`--alarm-actions ${TOPIC}`);
    expect(text).toContain(
      '--statistic Sum --period 300 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1',
    );
  });

  it('fixes a filter that misses in place: its own name, namespace and metric', () => {
    const s = compliantSnapshot();
    const f = filterOf(s, 'vpc-changes');
    f.filterName = 'VpcChanges';
    f.metricTransformations[0]!.metricNamespace = 'Security';
    f.metricTransformations[0]!.metricName = 'VpcEventCount';
    f.filterPattern = '{ $.eventName = CreateVpc }';
    const text = statusOf(s, 'vpc-changes').remediation!.commands.join('\n');
    expect(text).toContain(
      "--filter-name 'VpcChanges' --metric-transformations 'metricName=VpcEventCount,metricNamespace=Security,metricValue=1'",
    );
    expect(text).toContain("--metric-name 'VpcEventCount' --namespace 'Security'");
  });
});

describe('resources that do not exist', () => {
  const notFound = (service: string, operation: string) => ({
    service,
    operation,
    region: 'us-east-1',
    kind: 'not-found' as const,
    code: 'ResourceNotFoundException',
    message: 'does not exist',
  });

  it("fails, not UNKNOWN, when the trail's log group does not exist", () => {
    const s = compliantSnapshot();
    s.logGroups[LG_ARN] = {
      ...s.logGroups[LG_ARN]!,
      error: notFound('CloudWatch Logs', 'DescribeMetricFilters'),
    };
    delete s.logGroups[LG_ARN]!.filters;
    const f = evaluate(s);
    expect(f.every((x) => x.status === 'FAIL')).toBe(true);
    expect(f[0]!.reason).toMatch(/^log-group: .* does not exist/);
  });

  it("fails, not UNKNOWN, when the alarm's topic does not exist", () => {
    const s = compliantSnapshot();
    s.topics[TOPIC] = {
      arn: TOPIC,
      region: 'us-east-1',
      account: ACCOUNT,
      error: notFound('SNS', 'ListSubscriptionsByTopic'),
    };
    const f = evaluate(s);
    expect(f.every((x) => x.status === 'FAIL')).toBe(true);
    expect(f[0]!.reason).toBe('topic: topic cis-alarms (us-east-1) does not exist');
  });
});

describe('a control without any filter of its own', () => {
  it('says no filter matches its events instead of blaming an unrelated filter', () => {
    const s = compliantSnapshot();
    withoutFilter(s, 'vpc-changes');
    const f = statusOf(s, 'vpc-changes');
    expect(f.status).toBe('FAIL');
    expect(f.reason).toBe(
      "filter: none of the 14 metric filter groups on the log group matches this control's events",
    );
  });
});

describe('selected controls', () => {
  it('evaluates only the controls asked for, in catalog order', () => {
    const f = evaluateSnapshot(compliantSnapshot(), getBenchmark('cis-6.0'), ['vpc-changes', 'root-usage'], {
      reading: 'strict',
    });
    expect(f.map((x) => `${x.number} ${x.id}`)).toEqual(['5.3 root-usage', '5.14 vpc-changes']);
  });
});

describe('remediation of disabled alarm actions', () => {
  it("turns the existing alarm's actions back on", () => {
    const s = compliantSnapshot();
    alarmOf(s, 'config-changes').actionsEnabled = false;
    expect(statusOf(s, 'config-changes').remediation!.commands).toEqual([
      "aws cloudwatch enable-alarm-actions --region us-east-1 --alarm-names 'config-changes'",
    ]);
  });
});
