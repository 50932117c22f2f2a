// `pnpm bench [--check] [name…]`: runs every benchmark file (`bench/*.bench.ts` in any package)
// one after another, so they do not compete for the two cores, and prints their figures; then
// holds the figures against scripts/bench/budgets.ts. With --check (CI) a figure outside its
// limit fails the run. Names narrow the run to the files whose path contains one of them; a file
// run by name gets BENCH_NAMED=1, so a long bench (scale) runs at full size only when asked for.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { log, root, run } from './lib.mjs';

const args = process.argv.slice(2);
const check = args.includes('--check');
const only = args.filter((a) => !a.startsWith('--'));
const places = ['packages/schema', 'packages/portal', 'server', 'studio', 'tests'];
const files = places.flatMap((p) => {
  const dir = join(root, p, 'bench');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort()
    .map((f) => join(dir, f));
});
const dir = mkdtempSync(join(tmpdir(), 'scene-bench-'));
const figures = join(dir, 'figures.jsonl');
try {
  for (const file of files) {
    const name = relative(root, file);
    if (only.length && !only.some((o) => name.includes(o))) continue;
    log(name);
    run('node', ['--import', 'tsx', file], {
      env: {
        ...process.env,
        BENCH_FIGURES_FILE: figures,
        ...(only.length ? { BENCH_NAMED: '1' } : {}),
      },
    });
  }
  run('node', [
    '--import',
    'tsx',
    'scripts/bench/summary.ts',
    figures,
    ...(check ? ['--check'] : []),
    ...only,
  ]);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
