import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('the committed dist/', () => {
  it('equals a fresh `npm run bundle`', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'cis-gate-dist-')), 'dist');
    try {
      execFileSync(process.execPath, ['scripts/bundle.mjs', '--out', out], { stdio: 'pipe' });
      const fresh = readdirSync(out).sort();
      expect(readdirSync('dist').sort()).toEqual(fresh);
      for (const f of fresh)
        expect({ file: f, same: readFileSync(join('dist', f)).equals(readFileSync(join(out, f))) }).toEqual({
          file: f,
          same: true,
        });
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 180_000);
});
