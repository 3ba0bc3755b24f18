// The demo: starts the emulator, seeds a sample account (mostly compliant, with a few of the defects
// peers miss), and runs the bundled gate against it, first as the CLI, then as the action would run.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMoto } from './emulator/moto.mjs';
import { compliantSpec, seedAccount } from './emulator/seed.mjs';

const benchmark = JSON.parse(
  execFileSync(process.execPath, ['dist/cli.js', 'catalog', '--benchmark', 'cis-6.0'], { encoding: 'utf8' }),
);
const controls = benchmark.controls.map((c) => ({ id: c.id, pattern: c.references[0] }));
const spec = compliantSpec(controls);
const filter = (id) => spec.filters.find((f) => f.name === id);
const alarm = (id) => spec.alarms.find((a) => a.name === id);
// Defects: a v4.0 security-group filter (no ModifySecurityGroupRules), && where || was meant,
// an alarm that needs 100 events, disabled alarm actions, and a narrowed root filter.
filter('security-group-changes').pattern = filter('security-group-changes').pattern.replace(
  ' || ($.eventName = ModifySecurityGroupRules)',
  '',
);
filter('vpc-changes').pattern = filter('vpc-changes').pattern.replaceAll('||', '&&');
alarm('cmk-disable-or-deletion').threshold = 100;
alarm('config-changes').actionsEnabled = false;
filter('root-usage').pattern = filter('root-usage').pattern.replace(
  ' }',
  ' && $.sourceIPAddress = "203.0.113.9" }',
);
// Reformatted but correct: the gate decides meaning, not text.
filter('nacl-changes').pattern = filter('nacl-changes').pattern.replace(/ = (\w+)\)/g, '="$1")');

const moto = await startMoto();
try {
  await seedAccount(moto.url, spec);
  const env = {
    ...process.env,
    AWS_ENDPOINT_URL: moto.url,
    AWS_ACCESS_KEY_ID: 'demo',
    AWS_SECRET_ACCESS_KEY: 'demo',
    AWS_REGION: 'us-east-1',
    NODE_NO_WARNINGS: '1',
  };
  console.log('— the CLI: node dist/cli.js audit --benchmark cis-6.0 —\n');
  spawnSync(process.execPath, ['dist/cli.js', 'audit', '--benchmark', 'cis-6.0'], { env, stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'cis-gate-demo-'));
  const summary = join(dir, 'summary.md');
  execFileSync('touch', [summary, join(dir, 'output')]);
  console.log('\n— the action: node dist/index.js, as a GitHub runner runs it —\n');
  const action = spawnSync(process.execPath, ['dist/index.js'], {
    env: {
      ...env,
      GITHUB_ACTIONS: 'true',
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_OUTPUT: join(dir, 'output'),
      RUNNER_TEMP: dir,
      INPUT_BENCHMARK: 'cis-6.0',
    },
    encoding: 'utf8',
  });
  process.stdout.write(
    `${action.stdout
      .split('\n')
      .filter((l) => l.startsWith('::'))
      .join('\n')}\n`,
  );
  console.log(`\nJob summary (${summary}):\n`);
  console.log(readFileSync(summary, 'utf8'));
  console.log(
    `JSON report: ${join(dir, 'cis-monitoring-gate.json')}\naction exit code: ${action.status} (1: the seeded defects fail the gate)`,
  );
} finally {
  await moto.stop();
}
