import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compliantSpec, seedAccount } from '../../scripts/emulator/seed.mjs';
import { describeEmulator, referenceFilters, runCollect, useEmulator } from './harness.js';

const baseEnv = (env: Record<string, string>) => ({
  PATH: process.env.PATH ?? '',
  AWS_ACCESS_KEY_ID: 'testing',
  AWS_SECRET_ACCESS_KEY: 'testing',
  AWS_REGION: 'us-east-1',
  AWS_EC2_METADATA_DISABLED: 'true',
  NODE_NO_WARNINGS: '1',
  ...env,
});

function cli(args: string[], env: Record<string, string> = {}, input?: string) {
  const r = spawnSync(process.execPath, ['dist/cli.js', ...args], {
    encoding: 'utf8',
    input,
    env: baseEnv(env),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the CLI without blocking this process: the proxy it talks to lives here. */
function cliAsync(args: string[], env: Record<string, string> = {}) {
  return runCollect(process.execPath, ['dist/cli.js', ...args], baseEnv(env));
}

describe('the CLI without AWS', () => {
  it('answers coverage --jsonl with exactly one line per input line, in order', () => {
    const lines = [
      JSON.stringify({
        reference: '{ $.eventName = A || $.eventName = B }',
        patterns: ['{ $.eventName = "*" }'],
      }),
      'not json',
      JSON.stringify({
        reference: '{ $.eventName = A || $.eventName = B }',
        patterns: ['{ $.eventName = A }'],
      }),
      '',
      JSON.stringify({ reference: '{ $.eventName = A }', patterns: ['{ $.eventName = A'] }),
    ];
    const r = cli(['coverage', '--jsonl'], {}, `${lines.join('\n')}\n`);
    expect(r.code).toBe(0);
    const out = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out).toHaveLength(5);
    expect(out[0]).toEqual({ covers: true });
    expect(out[1]).toMatchObject({ covers: false, error: expect.any(String) });
    expect(out[2]).toMatchObject({ covers: false, counterexample: { eventName: 'B' } });
    expect(out[3]).toMatchObject({ covers: false, error: expect.any(String) });
    expect(out[4]).toMatchObject({ covers: false, explanation: expect.stringMatching(/does not parse/) });
  });

  it('explains a verdict and exits 1 when the filter does not cover', () => {
    const r = cli([
      'explain',
      '--benchmark',
      'cis-5.0',
      '--control',
      'security-group-changes',
      '--pattern',
      referenceFilters('cis-4.0').find((c) => c.id === 'security-group-changes')!.pattern,
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/DOES NOT COVER: does not match `ModifySecurityGroupRules` events/);
  });

  it.each([
    [['explain', '--benchmark', 'cis-9'], /--benchmark 'cis-9' is not one of/],
    [['explain', '--control', 'nope', '--pattern', '{}'], /--control 'nope' is not in cis-6.0/],
    [['audit', '--fail-on', 'maybe'], /fail-on 'maybe' is not one of/],
    [['audit', '--snapshot', '/nonexistent/s.json'], /--snapshot '\/nonexistent\/s.json' cannot be read/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['audit', '--bogus'], /Unknown option '--bogus'/],
  ])('exits 2 with a clear message for %j', (args, message) => {
    const r = cli(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('prints help for each command', () => {
    for (const args of [['--help'], ['audit', '--help'], ['explain', '--help'], ['coverage', '--help']]) {
      const r = cli(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Usage/);
    }
  });
});

describeEmulator('the CLI against an emulated account', () => {
  const emulator = useEmulator();

  it('audits, saves a snapshot, and gives the same verdicts from the snapshot offline', async () => {
    const spec = compliantSpec(referenceFilters('cis-6.0'));
    spec.alarms.find((a: { name: string }) => a.name === 'root-usage')!.threshold = 10;
    await seedAccount(emulator().moto.url, spec);
    const dir = mkdtempSync(join(tmpdir(), 'cis-gate-cli-'));
    const snap = join(dir, 'snapshot.json');
    const live = await cliAsync(['audit', '--json', '--save-snapshot', snap], {
      AWS_ENDPOINT_URL: emulator().proxy.url,
    });
    expect(live.code).toBe(1);
    const liveReport = JSON.parse(live.stdout);
    emulator().proxy.clearLog();
    const offline = await cliAsync(['audit', '--json', '--snapshot', snap], {
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    });
    expect(offline.code).toBe(1);
    expect(emulator().proxy.log).toEqual([]);
    const offlineReport = JSON.parse(offline.stdout);
    const pick = (r: { controls: Array<{ id: string; status: string; reason: string }> }) =>
      r.controls.map((c) => [c.id, c.status, c.reason]);
    expect(pick(offlineReport)).toEqual(pick(liveReport));
    expect(offlineReport.apiCalls.total).toBe(0);
    expect(JSON.parse(readFileSync(snap, 'utf8')).schemaVersion).toBe(1);
  });

  it('prints a table and exits 0 when the gate passes', async () => {
    await emulator().moto.reset();
    await seedAccount(emulator().moto.url, compliantSpec(referenceFilters('cis-6.0')));
    const r = await cliAsync(['audit', '--benchmark', 'cis-6.0'], { AWS_ENDPOINT_URL: emulator().proxy.url });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^PASS\s+5\.3\s+root-usage/m);
    expect(r.stdout).toMatch(/Gate PASS \(PASS 15 · FAIL 0 · UNKNOWN 0\)/);
  });
});
