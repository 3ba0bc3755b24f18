import { existsSync } from 'node:fs';
import { compliantSpec, seedAccount } from '../../scripts/emulator/seed.mjs';
import {
  describeEmulator,
  errorAnnotations,
  notPassing,
  referenceFilters,
  runAction,
  statuses,
  useEmulator,
} from './harness.js';

const emulator = useEmulator();

type Spec = ReturnType<typeof compliantSpec>;
const filterIn = (spec: Spec, id: string) => spec.filters.find((f: { name: string }) => f.name === id)!;
const alarmIn = (spec: Spec, id: string) => spec.alarms.find((a: { name: string }) => a.name === id)!;

describeEmulator('the action against an emulated account', () => {
  it('passes every control of an account set up as the CIS remediation prescribes, and exits 0', async () => {
    await seedAccount(emulator().moto.url, compliantSpec(referenceFilters('cis-6.0')));
    const run = await runAction(emulator().proxy.url, { benchmark: 'cis-6.0' });
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.code).toBe(0);
    expect(notPassing(run)).toEqual([]);
    expect(Object.keys(statuses(run))).toHaveLength(15);
    expect(run.outputs).toMatchObject({
      result: 'pass',
      passed: '15',
      failed: '0',
      unknown: '0',
      'report-path': run.reportPath,
    });
    expect(run.summary).toContain('## CIS monitoring gate: ✅ pass');
    expect(run.summary.match(/^\| ✅ PASS \| 5\.\d+ \|/gm)).toHaveLength(15);
    expect(run.report).toMatchObject({
      schemaVersion: 1,
      identity: expect.stringMatching(/^arn:aws:/),
      account: '123456789012',
      benchmark: 'cis-6.0',
      result: 'pass',
      apiCalls: { total: expect.any(Number), retries: 0, byOperation: expect.any(Object) },
      durationMs: expect.any(Number),
    });
    expect(errorAnnotations(run)).toEqual([]);
  });

  it('passes filters reformatted, reordered, quoted, split over two filters on one metric, or broader, with the topic in another region', async () => {
    const spec = compliantSpec(referenceFilters('cis-6.0'), { topicRegion: 'eu-west-1' });
    const vpc = filterIn(spec, 'vpc-changes');
    const clauses = vpc.pattern.slice(1, -1).split('||');
    vpc.pattern = `{${clauses.slice(0, 6).join('||')}}`;
    spec.filters.push({
      logGroup: vpc.logGroup,
      name: 'vpc-changes-rest',
      pattern: `{${clauses.slice(6).join('||')}}`,
      metricName: 'vpc-changes',
    });
    filterIn(spec, 'nacl-changes').pattern = filterIn(spec, 'nacl-changes').pattern.replace(
      / = (\w+)\)/g,
      '="$1")',
    );
    filterIn(spec, 'root-usage').pattern =
      '{ $.eventType != "AwsServiceEvent" && $.userIdentity.invokedBy NOT EXISTS && $.userIdentity.type = "Root" }';
    filterIn(spec, 'cloudtrail-config-changes').pattern =
      '{ $.eventSource = "cloudtrail.amazonaws.com" || $.eventName = "*Trail" || $.eventName = "*Logging" }';
    filterIn(spec, 'network-gateway-changes').pattern =
      `\n  ${filterIn(spec, 'network-gateway-changes').pattern.replaceAll('||', '||\n   ')}\n`;
    await seedAccount(emulator().moto.url, spec);
    const run = await runAction(emulator().proxy.url, {});
    expect(notPassing(run)).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.summary).toContain('topic cis-alarms (eu-west-1)');
    const regions = new Set(
      emulator()
        .proxy.log.filter((r) => r.operation === 'ListSubscriptionsByTopic')
        .map((r) => r.region),
    );
    expect([...regions]).toEqual(['eu-west-1']);
  });

  it('fails exactly the controls with a defect, each with a reason naming the link, and exits 1', async () => {
    const spec = compliantSpec(referenceFilters('cis-6.0'));
    filterIn(spec, 'vpc-changes').pattern = filterIn(spec, 'vpc-changes').pattern.replaceAll('||', '&&');
    filterIn(spec, 'root-usage').pattern = filterIn(spec, 'root-usage').pattern.replace(
      ' }',
      ' && $.recipientAccountId = "111111111111" }',
    );
    filterIn(spec, 'security-group-changes').pattern = filterIn(
      spec,
      'security-group-changes',
    ).pattern.replace(' || ($.eventName = ModifySecurityGroupRules)', '');
    alarmIn(spec, 'iam-policy-changes').namespace = 'Custom/Other';
    alarmIn(spec, 'config-changes').actionsEnabled = false;
    alarmIn(spec, 'cmk-disable-or-deletion').threshold = 100;
    const s3 = filterIn(spec, 's3-bucket-policy-changes');
    s3.pattern = s3.pattern.replace('($.eventName = DeleteBucketCors) || ', '');
    (spec.topics as Array<Record<string, unknown>>).push({ name: 'nobody-listens', subscribers: 0 });
    alarmIn(spec, 'console-auth-failures').topics = ['nobody-listens'];
    await seedAccount(emulator().moto.url, spec);
    const run = await runAction(emulator().proxy.url, { benchmark: 'cis-6.0' });
    expect(run.code).toBe(1);
    expect(notPassing(run).sort()).toEqual(
      [
        'vpc-changes:FAIL',
        'root-usage:FAIL',
        'security-group-changes:FAIL',
        'iam-policy-changes:FAIL',
        'config-changes:FAIL',
        'cmk-disable-or-deletion:FAIL',
        's3-bucket-policy-changes:FAIL',
        'console-auth-failures:FAIL',
      ].sort(),
    );
    const reason = (id: string) => run.report.controls.find((c: { id: string }) => c.id === id).reason;
    expect(reason('vpc-changes')).toMatch(/^filter: .*`&&` joins event names/);
    expect(reason('root-usage')).toMatch(/^filter: .*extra condition `\$\.recipientAccountId/);
    expect(reason('security-group-changes')).toMatch(/ModifySecurityGroupRules/);
    expect(reason('iam-policy-changes')).toMatch(/^alarm: .*namespace Custom\/Other/);
    expect(reason('config-changes')).toMatch(/^alarm: .*ActionsEnabled is false/);
    expect(reason('cmk-disable-or-deletion')).toMatch(/^alarm: .*needs Sum >= 100/);
    expect(reason('s3-bucket-policy-changes')).toMatch(/^filter: .*does not list `DeleteBucketCors`/);
    expect(reason('console-auth-failures')).toBe(
      'subscription: topic nobody-listens has no confirmed subscriber',
    );
    expect(errorAnnotations(run)).toHaveLength(8);
    expect(run.stdout).toMatch(/::error title=CIS 5\.14 vpc-changes%3A FAIL::/);
    expect(run.summary.match(/^\| ❌ FAIL \|/gm)).toHaveLength(8);
    expect(run.summary).toContain('<details><summary>5.14');
    expect(run.outputs).toMatchObject({ result: 'fail', passed: '7', failed: '8', unknown: '0' });
  });

  it.each([
    ['single-region', { multiRegion: false }, /single-region/],
    ['not logging', { logging: false }, /not logging/],
    [
      'write-only',
      { eventSelectors: [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true }] },
      /do not capture read management events/,
    ],
    [
      'advanced selectors restricted to readOnly',
      {
        advancedEventSelectors: [
          {
            Name: 'ro',
            FieldSelectors: [
              { Field: 'eventCategory', Equals: ['Management'] },
              { Field: 'readOnly', Equals: ['true'] },
            ],
          },
        ],
      },
      /do not capture write management events/,
    ],
  ])('fails every control on a trail that is %s', async (_case, trail, reason) => {
    const spec = compliantSpec(referenceFilters('cis-6.0'));
    Object.assign(spec.trails[0]!, trail);
    await seedAccount(emulator().moto.url, spec);
    const run = await runAction(emulator().proxy.url, {});
    expect(run.code).toBe(1);
    expect(Object.values(statuses(run))).toEqual(Array(15).fill('FAIL'));
    expect(run.report.controls[0].reason).toMatch(reason);
    // GitHub shows 10 error annotations per step: the other five are named in one notice.
    expect(errorAnnotations(run)).toHaveLength(10);
    expect(run.stdout).toMatch(
      /^::notice title=5 more controls do not pass::CIS 5\.11 nacl-changes: FAIL; /m,
    );
  });

  it('fails only the KMS control when the trail excludes KMS events', async () => {
    const spec = compliantSpec(referenceFilters('cis-6.0'));
    Object.assign(spec.trails[0]!, {
      eventSelectors: [
        {
          ReadWriteType: 'All',
          IncludeManagementEvents: true,
          ExcludeManagementEventSources: ['kms.amazonaws.com'],
        },
      ],
    });
    await seedAccount(emulator().moto.url, spec);
    const run = await runAction(emulator().proxy.url, {});
    expect(notPassing(run)).toEqual(['cmk-disable-or-deletion:FAIL']);
  });

  it('fails the controls whose alarm notifies a topic that does not exist', async () => {
    const spec = compliantSpec(referenceFilters('cis-6.0'));
    alarmIn(spec, 'nacl-changes').topics = ['deleted-topic'];
    await seedAccount(emulator().moto.url, spec);
    const run = await runAction(emulator().proxy.url, {});
    expect(notPassing(run)).toEqual(['nacl-changes:FAIL']);
    expect(run.report.controls.find((c: { id: string }) => c.id === 'nacl-changes').reason).toBe(
      'topic: topic deleted-topic (us-east-1) does not exist',
    );
  });

  it('is UNKNOWN, not FAIL, for a topic in another account these credentials cannot read', async () => {
    const spec = compliantSpec(referenceFilters('cis-6.0'));
    alarmIn(spec, 'nacl-changes').topics = ['arn:aws:sns:us-east-1:999999999999:central-security'];
    await seedAccount(emulator().moto.url, spec);
    const run = await runAction(emulator().proxy.url, {});
    expect(notPassing(run)).toEqual(['nacl-changes:UNKNOWN']);
    expect(run.report.controls.find((c: { id: string }) => c.id === 'nacl-changes').reason).toMatch(
      /out of reach: the topic belongs to account 999999999999/,
    );
  });

  it('passes MFAUsed = "No" only with coverage: cloudtrail, noting the strict gap', async () => {
    const spec = compliantSpec(referenceFilters('cis-6.0'));
    filterIn(spec, 'console-signin-without-mfa').pattern =
      '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed = "No") }';
    await seedAccount(emulator().moto.url, spec);
    const strict = await runAction(emulator().proxy.url, {});
    expect(notPassing(strict)).toEqual(['console-signin-without-mfa:FAIL']);
    const lenient = await runAction(emulator().proxy.url, { coverage: 'cloudtrail' });
    expect(notPassing(lenient)).toEqual([]);
    expect(lenient.report.coverage).toBe('cloudtrail');
  });

  it('audits one account under several benchmarks with the verdicts each version implies', async () => {
    await seedAccount(emulator().moto.url, compliantSpec(referenceFilters('cis-4.0')));
    const v4 = await runAction(emulator().proxy.url, { benchmark: 'cis-4.0' });
    const v5 = await runAction(emulator().proxy.url, { benchmark: 'cis-5.0' });
    const v12 = await runAction(emulator().proxy.url, { benchmark: 'cis-1.2' });
    const hub = await runAction(emulator().proxy.url, { benchmark: 'security-hub' });
    expect(notPassing(v4)).toEqual([]);
    expect(notPassing(v5)).toEqual(['security-group-changes:FAIL']);
    // v1.2's references are broader: the v2.0+ unauthorized text and the ec2-scoped v3.0+ route text miss events it covers.
    expect(notPassing(v12).sort()).toEqual(['route-table-changes:FAIL', 'unauthorized-api-calls:FAIL']);
    expect(Object.keys(statuses(v12))).toHaveLength(14);
    // Security Hub demands its own exact texts: the CIS v4 texts that differ beyond whitespace fail there.
    expect(notPassing(hub).length).toBeGreaterThan(0);
    expect(
      hub.report.controls.some((c: { reason: string }) =>
        /Security Hub still demands this exact text/.test(c.reason),
      ),
    ).toBe(true);
  });

  it('follows pagination: the same verdicts with many unrelated alarms, filters read page by page', async () => {
    const spec = compliantSpec(referenceFilters('cis-6.0'));
    (spec as Record<string, unknown>).noise = { alarms: 230 };
    for (let i = 0; i < 60; i++)
      spec.filters.push({
        logGroup: spec.filters[0]!.logGroup,
        name: `app-${i}`,
        pattern: `{ $.app = "a${i}" }`,
        metricName: `App${i}`,
        namespace: 'App',
      });
    alarmIn(spec, 'vpc-changes').threshold = 50;
    await seedAccount(emulator().moto.url, spec);
    const run = await runAction(emulator().proxy.url, {});
    expect(notPassing(run)).toEqual(['vpc-changes:FAIL']);
    const ops = run.report.apiCalls.byOperation;
    expect(ops.DescribeMetricFilters).toBe(2);
    expect(ops.DescribeAlarmsForMetric).toBe(15);
    // vpc-changes has no alarm that can fire: the full listing (metric-math, composites) is read too.
    expect(ops.DescribeAlarms).toBe(Math.ceil(245 / 100));
  });

  // The machine's own Node (20 here) must run the bundle too: the CLI is used outside Actions.
  (existsSync('/usr/bin/node') ? it : it.skip)(
    'gives the same verdicts when the bundle runs on the system Node',
    async () => {
      await seedAccount(emulator().moto.url, compliantSpec(referenceFilters('cis-6.0')));
      const run = await runAction(emulator().proxy.url, {}, {}, 'dist/index.js', '/usr/bin/node');
      expect(run.code).toBe(0);
      expect(notPassing(run)).toEqual([]);
    },
  );

  it('rejects bad input before any AWS call, naming the input', async () => {
    const run = await runAction(emulator().proxy.url, { benchmark: 'cis-9.9' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("::error::invalid input: benchmark 'cis-9.9' is not one of: cis-1.2");
    expect(emulator().proxy.log).toEqual([]);
    expect(run.outputs.result).toBeUndefined();
  });

  it('rejects an unwritable report path before any AWS call', async () => {
    const run = await runAction(emulator().proxy.url, { 'report-path': '/proc/cis-gate/report.json' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      "::error::invalid input: report-path '/proc/cis-gate/report.json' cannot be written",
    );
    expect(emulator().proxy.log).toEqual([]);
  });

  it('sends only reads', async () => {
    await seedAccount(emulator().moto.url, compliantSpec(referenceFilters('cis-6.0')));
    emulator().proxy.clearLog();
    await runAction(emulator().proxy.url, {});
    const ops = new Set(emulator().proxy.log.map((r) => r.operation));
    for (const op of ops) expect(op).toMatch(/^(Describe|Get|List)/);
  });
});
