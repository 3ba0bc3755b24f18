// Bundles the action (dist/index.js) and the CLI (dist/cli.js) with ncc, one self-contained file each.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// `--out DIR` bundles elsewhere: the freshness test compares that with the committed dist/.
const outArg = process.argv.indexOf('--out');
const outDir = outArg > 0 ? process.argv[outArg + 1] : 'dist';
const ncc = join('node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
for (const [entry, out] of [
  ['src/index.ts', 'index.js'],
  ['src/cli.ts', 'cli.js'],
]) {
  const work = join(tmpdir(), `cis-gate-bundle-${process.pid}-${out}`);
  rmSync(work, { recursive: true, force: true });
  execFileSync(process.execPath, [ncc, 'build', entry, '-o', work, '-m', '--no-source-map-register', '-q'], {
    stdio: 'inherit',
  });
  const target = join(outDir, out);
  copyFileSync(join(work, 'index.js'), target);
  rmSync(work, { recursive: true, force: true });
  if (out === 'cli.js') {
    const text = readFileSync(target, 'utf8');
    if (!text.startsWith('#!')) writeFileSync(target, `#!/usr/bin/env node\n${text}`);
    chmodSync(target, 0o755);
  }
}
writeFileSync(join(outDir, 'package.json'), '{ "type": "module" }\n');
