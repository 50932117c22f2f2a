// `pnpm bench`: runs every benchmark file (`bench/*.bench.ts` in any package) one after another,
// so they do not compete for the two cores, and prints their figures.
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { log, root, run } from './lib.mjs';

const places = ['packages/schema', 'packages/runtime', 'server', 'studio', 'tests'];
const only = process.argv.slice(2);
const files = places.flatMap((p) => {
  const dir = join(root, p, 'bench');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort()
    .map((f) => join(dir, f));
});
for (const file of files) {
  const name = relative(root, file);
  if (only.length && !only.some((o) => name.includes(o))) continue;
  log(name);
  run('node', ['--import', 'tsx', file]);
}
