import { parseArgs } from 'node:util';
import { judgeFilterPatterns } from '../core/audit/filter-verdict.js';
import {
  BENCHMARK_IDS,
  type Benchmark,
  CONTROL_IDS,
  DEFAULT_BENCHMARK,
  getBenchmark,
  isBenchmarkId,
} from '../core/catalog/catalog.js';
import { ConfigError } from '../core/errors.js';
import type { Reading } from '../core/pattern/cover.js';
import { auditCommand } from './audit-command.js';
import { runBench } from './bench-command.js';
import { runCoverageJsonl } from './coverage-command.js';

/** CLI exit codes (design.md, "Contracts"). */
export const EXIT_PASS = 0;
export const EXIT_FAIL = 1;
export const EXIT_USAGE = 2;

const MAIN_HELP = `cis-monitoring-gate: prove the CIS AWS Foundations monitoring controls hold.

Usage:
  cis-monitoring-gate audit [options]          audit an AWS account (see: audit --help)
  cis-monitoring-gate explain [options]        decide one filter pattern against one control
  cis-monitoring-gate coverage --jsonl         decide coverage for JSON lines on stdin
  cis-monitoring-gate catalog [--benchmark ID] print a benchmark's controls and reference patterns (JSON)
  cis-monitoring-gate bench                    print coverage-decision speed figures

Exit codes: 0 the gate passes, 1 the gate fails, 2 bad usage or input.
`;

const EXPLAIN_HELP = `Usage: cis-monitoring-gate explain --control ID --pattern TEXT [--pattern TEXT …] [options]

Decides whether the filter patterns (together, as filters feeding one metric) cover the control's
reference pattern, and says why not.

Options:
  --benchmark ID     ${BENCHMARK_IDS.join(', ')} (default ${DEFAULT_BENCHMARK})
  --control ID       ${CONTROL_IDS.join(', ')}
  --pattern TEXT     a filter pattern; repeat for several filters on one metric
  --coverage MODE    strict (default) or cloudtrail: only events CloudTrail can emit
  --json             print the verdict as JSON

Exit codes: 0 covers, 1 does not cover or undecided, 2 bad usage.
`;

const COVERAGE_HELP = `Usage: cis-monitoring-gate coverage --jsonl [--coverage strict|cloudtrail]

Reads one JSON object per line on stdin, {"reference": "…", "patterns": ["…", …]}, and writes exactly
one line per input line, in order:
  {"covers": true}
  {"covers": false, "counterexample": {…}, "explanation": "…"}
  {"covers": false, "undecided": true, "why": "…"}
  {"covers": false, "error": "…"}          the line is not valid input, or the reference does not parse
A pattern that does not parse does not cover; its parse error is in the explanation.
`;

/** Runs the CLI and returns its exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'coverage':
        return await coverageCommand(rest);
      case 'explain':
        return explainCommand(rest);
      case 'audit':
        return await auditCommand(rest);
      case 'bench':
        runBench();
        return EXIT_PASS;
      case 'catalog':
        return catalogCommand(rest);
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        process.stdout.write(MAIN_HELP);
        return command === undefined ? EXIT_USAGE : EXIT_PASS;
      default:
        throw new ConfigError(`unknown command '${command}' (expected audit, explain, coverage or bench)`);
    }
  } catch (e) {
    if (
      e instanceof ConfigError ||
      (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      process.stderr.write(`error: ${e.message}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
}

function readReading(value: string | undefined): Reading {
  if (value === undefined || value === 'strict') return 'strict';
  if (value === 'cloudtrail') return 'cloudtrail';
  throw new ConfigError(`--coverage must be 'strict' or 'cloudtrail', not '${value}'`, 'coverage');
}

async function coverageCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      jsonl: { type: 'boolean' },
      coverage: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(COVERAGE_HELP);
    return EXIT_PASS;
  }
  if (!values.jsonl) throw new ConfigError('coverage reads JSON lines: pass --jsonl (see coverage --help)');
  await runCoverageJsonl(readReading(values.coverage));
  return EXIT_PASS;
}

function explainCommand(args: string[]): number {
  const { values } = parseArgs({
    args,
    options: {
      benchmark: { type: 'string' },
      control: { type: 'string' },
      pattern: { type: 'string', multiple: true },
      coverage: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(EXPLAIN_HELP);
    return EXIT_PASS;
  }
  const benchmark = readBenchmarkFlag(values.benchmark);
  if (!values.control) throw new ConfigError('--control is required (see explain --help)', 'control');
  const control = benchmark.controls.find((c) => c.id === values.control);
  if (!control)
    throw new ConfigError(
      `--control '${values.control}' is not in ${benchmark.id}: ${benchmark.controls.map((c) => c.id).join(', ')}`,
      'control',
    );
  const patterns = values.pattern ?? [];
  if (patterns.length === 0) throw new ConfigError('at least one --pattern is required', 'pattern');
  const verdict = judgeFilterPatterns(control, patterns, readReading(values.coverage));
  if (values.json)
    process.stdout.write(`${JSON.stringify({ control: control.id, number: control.number, ...verdict })}\n`);
  else {
    const word =
      verdict.outcome === 'covers' ? 'COVERS' : verdict.outcome === 'misses' ? 'DOES NOT COVER' : 'UNDECIDED';
    const lines = [`${control.number} ${control.title} (${benchmark.name})`, `${word}: ${verdict.reason}`];
    if (verdict.counterexample) lines.push(`counterexample: ${JSON.stringify(verdict.counterexample)}`);
    for (const n of verdict.notes) lines.push(`note: ${n}`);
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return verdict.outcome === 'covers' ? EXIT_PASS : EXIT_FAIL;
}

function catalogCommand(args: string[]): number {
  const { values } = parseArgs({ args, options: { benchmark: { type: 'string' } } });
  process.stdout.write(`${JSON.stringify(readBenchmarkFlag(values.benchmark), null, 2)}\n`);
  return EXIT_PASS;
}

/** The benchmark a `--benchmark` flag names (the newest CIS version when absent). */
function readBenchmarkFlag(value: string | undefined): Benchmark {
  const id = value ?? DEFAULT_BENCHMARK;
  if (!isBenchmarkId(id))
    throw new ConfigError(`--benchmark '${id}' is not one of: ${BENCHMARK_IDS.join(', ')}`, 'benchmark');
  return getBenchmark(id);
}
