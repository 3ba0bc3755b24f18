import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { compliantSpec, seedAccount } from '../../scripts/emulator/seed.mjs';
import {
  describeEmulator,
  emulatorAvailable,
  notPassing,
  referenceFilters,
  runAction,
  statuses,
  useEmulator,
} from './harness.js';

const emulator = useEmulator();
/** Every request of every run in this file: the read-only and least-privilege checks use them all. */
const allRequests: Array<{ service: string; operation: string }> = [];
afterEach(() => {
  if (emulatorAvailable)
    allRequests.push(...emulator().proxy.log.map((r) => ({ service: r.service, operation: r.operation })));
});

type Spec = ReturnType<typeof compliantSpec>;
/** A compliant account with one defect: the VPC alarm needs 100 events. */
function accountWithOneFailure(): Spec {
  const spec = compliantSpec(referenceFilters('cis-6.0'));
  spec.alarms.find((a: { name: string }) => a.name === 'vpc-changes')!.threshold = 100;
  return spec;
}

describeEmulator('failing closed', () => {
  it('gives the fault-free verdicts when the first attempt of every request is throttled, or answered 503', async () => {
    await seedAccount(emulator().moto.url, accountWithOneFailure());
    const clean = await runAction(emulator().proxy.url, {});
    expect(notPassing(clean)).toEqual(['vpc-changes:FAIL']);
    for (const fault of [{ throttleFirstAttempt: true }, { fail503FirstAttempt: true }]) {
      emulator().proxy.setFaults(fault);
      const run = await runAction(emulator().proxy.url, {});
      expect(statuses(run)).toEqual(statuses(clean));
      expect(run.code).toBe(clean.code);
      expect(run.report.apiCalls.retries).toBe(clean.report.apiCalls.total);
      expect(run.report.apiCalls.total).toBe(2 * clean.report.apiCalls.total);
    }
  });

  it('makes passing controls UNKNOWN, keeps earlier failures FAIL, and fails the gate when ListSubscriptionsByTopic is denied', async () => {
    await seedAccount(emulator().moto.url, accountWithOneFailure());
    emulator().proxy.setFaults({ deny: ['ListSubscriptionsByTopic'] });
    const run = await runAction(emulator().proxy.url, {});
    const s = statuses(run);
    expect(s['vpc-changes']).toBe('FAIL');
    expect(
      Object.entries(s)
        .filter(([id]) => id !== 'vpc-changes')
        .every(([, v]) => v === 'UNKNOWN'),
    ).toBe(true);
    expect(run.code).toBe(1);
    expect(run.report.controls[0].reason).toMatch(
      /access denied to SNS ListSubscriptionsByTopic in us-east-1: grant sns:ListSubscriptionsByTopic/,
    );
    expect(run.outputs).toMatchObject({ result: 'fail', failed: '1', unknown: '14' });
  });

  it('is UNKNOWN when ListSubscriptionsByTopic answers 503 until retries run out', async () => {
    await seedAccount(emulator().moto.url, accountWithOneFailure());
    emulator().proxy.setFaults({ fail503Always: ['ListSubscriptionsByTopic'] });
    const run = await runAction(emulator().proxy.url, { 'max-attempts': '2' });
    expect(statuses(run)['root-usage']).toBe('UNKNOWN');
    expect(statuses(run)['vpc-changes']).toBe('FAIL');
    expect(run.report.apiCalls.byOperation.ListSubscriptionsByTopic).toBe(2);
    expect(run.code).toBe(1);
  });

  it('passes the gate with fail-on: fail when only UNKNOWN controls remain, and warns about them', async () => {
    await seedAccount(emulator().moto.url, compliantSpec(referenceFilters('cis-6.0')));
    emulator().proxy.setFaults({ deny: ['ListSubscriptionsByTopic'] });
    const run = await runAction(emulator().proxy.url, { 'fail-on': 'fail' });
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('fail');
    expect(run.stdout).toMatch(/^::warning title=CIS 5\.\d+ /m);
    expect(run.stdout).not.toMatch(/^::error/m);
  });

  it('makes every control UNKNOWN when DescribeMetricFilters is denied', async () => {
    await seedAccount(emulator().moto.url, compliantSpec(referenceFilters('cis-6.0')));
    emulator().proxy.setFaults({ deny: ['DescribeMetricFilters'] });
    const run = await runAction(emulator().proxy.url, {});
    expect(Object.values(statuses(run))).toEqual(Array(15).fill('UNKNOWN'));
    expect(run.report.controls[0].reason).toMatch(/grant logs:DescribeMetricFilters/);
  });

  it('reads the whole alarm listing when an alarm found by metric reaches no subscriber', async () => {
    const spec = compliantSpec(referenceFilters('cis-6.0'));
    (spec as Record<string, unknown>).noise = { alarms: 120 };
    (spec.topics as Array<Record<string, unknown>>).push({ name: 'nobody-listens', subscribers: 0 });
    spec.alarms.find((a: { name: string }) => a.name === 'root-usage')!.topics = ['nobody-listens'];
    await seedAccount(emulator().moto.url, spec);
    const run = await runAction(emulator().proxy.url, {});
    expect(notPassing(run)).toEqual(['root-usage:FAIL']);
    expect(run.report.apiCalls.byOperation.DescribeAlarms).toBe(Math.ceil(135 / 100));
    expect(run.report.apiCalls.byOperation.ListSubscriptionsByTopic).toBe(2);
  });

  it('covers the targeted alarm lookup too (an account with more alarms than one page)', async () => {
    const spec = compliantSpec(referenceFilters('cis-6.0'));
    (spec as Record<string, unknown>).noise = { alarms: 120 };
    await seedAccount(emulator().moto.url, spec);
    const run = await runAction(emulator().proxy.url, {});
    expect(notPassing(run)).toEqual([]);
    expect(run.report.apiCalls.byOperation.DescribeAlarmsForMetric).toBe(15);
    expect(run.report.apiCalls.byOperation.DescribeAlarms).toBe(1);
  });
});

describeEmulator('GitHub OIDC', () => {
  const JWT =
    'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvOm8vcjpwdWxsX3JlcXVlc3QifQ.c2VjcmV0LXNpZ25hdHVyZS0xMjM0NQ';
  let server: Server;
  let tokenUrl = '';
  const audiences: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.headers.authorization !== 'Bearer runner-request-token') {
        res.writeHead(401).end();
        return;
      }
      audiences.push(url.searchParams.get('audience') ?? '');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ value: JWT }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const address = server.address() as { port: number };
    tokenUrl = `http://127.0.0.1:${address.port}/token?api-version=2.0`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
  });

  it('assumes the role with the job token, audits with those credentials, and never prints a secret', async () => {
    await seedAccount(emulator().moto.url, compliantSpec(referenceFilters('cis-6.0')));
    const run = await runAction(
      emulator().proxy.url,
      {
        'role-to-assume': 'arn:aws:iam::123456789012:role/cis-monitoring-gate',
        audience: 'sts.amazonaws.com',
      },
      {
        ACTIONS_ID_TOKEN_REQUEST_URL: tokenUrl,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'runner-request-token',
        AWS_ACCESS_KEY_ID: '',
        AWS_SECRET_ACCESS_KEY: '',
      },
    );
    expect(run.code).toBe(0);
    expect(audiences).toContain('sts.amazonaws.com');
    const assume = emulator().proxy.log.find((r) => r.operation === 'AssumeRoleWithWebIdentity');
    expect(assume).toBeDefined();
    const secrets = [
      JWT,
      ...['AccessKeyId', 'SecretAccessKey', 'SessionToken'].map(
        (k) => new RegExp(`<${k}>([^<]+)</${k}>`).exec(assume!.response ?? '')?.[1] ?? '',
      ),
    ];
    expect(secrets.every((s) => s.length > 8)).toBe(true);
    // The runner consumes ::add-mask:: lines; everything else must be free of secrets.
    const visible = [
      run.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n'),
      run.stderr,
      run.summary,
      readFileSync(run.reportPath, 'utf8'),
      JSON.stringify(run.outputs),
    ].join('\n');
    for (const s of secrets) expect(visible.includes(s)).toBe(false);
    const masked = run.stdout.split('\n').filter((l) => l.startsWith('::add-mask::'));
    for (const s of secrets) expect(masked).toContain(`::add-mask::${s}`);
    expect(run.report.identity).toMatch(/assumed-role\/cis-monitoring-gate/);
  });

  it('says to add `id-token: write` (and mentions forks) when the job has no OIDC token', async () => {
    const run = await runAction(emulator().proxy.url, {
      'role-to-assume': 'arn:aws:iam::123456789012:role/cis-monitoring-gate',
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /::error::AWS credentials: .*permissions: id-token: write.*forks get no OIDC token/,
    );
    expect(emulator().proxy.log).toEqual([]);
  });
});

describeEmulator('read-only and least privilege', () => {
  it('sent only reads in every run of this file, and exactly the actions policy/iam-policy.json grants', () => {
    // IAM prefixes from the SigV4 signing names on the wire, independent of the code under test.
    const prefixBySigningName: Record<string, string> = {
      cloudtrail: 'cloudtrail',
      logs: 'logs',
      monitoring: 'cloudwatch',
      sns: 'sns',
      sts: 'sts',
    };
    expect(allRequests.length).toBeGreaterThan(50);
    for (const r of allRequests)
      expect(r.operation).toMatch(/^(Describe|Get|List)|^AssumeRoleWithWebIdentity$/);
    const used = new Set(
      allRequests
        .filter((r) => r.operation !== 'GetCallerIdentity' && r.operation !== 'AssumeRoleWithWebIdentity')
        .map((r) => `${prefixBySigningName[r.service] ?? `?${r.service}`}:${r.operation}`),
    );
    const policy = JSON.parse(readFileSync('policy/iam-policy.json', 'utf8'));
    const granted = new Set<string>(policy.Statement.flatMap((s: { Action: string[] }) => s.Action));
    expect([...used].sort()).toEqual([...granted].sort());
  });
});
