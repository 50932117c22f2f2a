// `pnpm bench`: the studio's built size (all JS, gzipped) and that no Vant (the resident portal's
// UI library) got in; budgets in scripts/bench/budgets.ts.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { filesWithLibrary, jsGzipKb, reportFigure } from '@scene/bench-kit';

const studioDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const dist = join(studioDir, 'dist');

if (!existsSync(join(dist, 'index.html')) || process.env.BENCH_BUILD === '1') {
  console.log('building studio …');
  const r = spawnSync('pnpm', ['--filter', '@scene/studio', 'build'], {
    cwd: repoRoot,
    stdio: 'ignore',
    timeout: 300_000,
  });
  if (r.status !== 0) throw new Error('the studio build failed');
}
const js = jsGzipKb(dist);
const vant = filesWithLibrary(dist, 'vant');
console.log('studio /studio/ — all JS, gzip (the code editor is most of it, loaded on demand)');
console.log(`  JS ${js.toFixed(1).padStart(8)} KB`);
console.log(`  files with Vant code: ${vant.length}`);
for (const f of vant) console.log(`    ${f}`);
reportFigure('studio.total-js-gzip-kb', js, 'KB');
reportFigure('studio.vant-files', vant.length, 'files');
