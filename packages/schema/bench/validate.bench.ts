// Micro-benchmark: validations per second of a typical action input with the cached validator,
// against a baseline measured in the same run (a hand-written check of the same rules), and the
// cost of a cold compile. Run: pnpm exec tsx packages/schema/bench/validate.bench.ts
import {
  clearValidatorCache,
  exampleManifest,
  getActionValidator,
  validateManifest,
} from '../src/index';
import { reportFigure } from '@scene/bench-kit';

const input = { title: '厨房水管漏水', category: '水电', phone: '13812345678' };
const PHONE = /^1[3-9][0-9]{9}$/;
function handWritten(v: Record<string, unknown>): boolean {
  for (const k of Object.keys(v))
    if (k !== 'title' && k !== 'category' && k !== 'phone') return false;
  const { title, category, phone } = v;
  return (
    typeof title === 'string' &&
    title.length >= 2 &&
    title.length <= 80 &&
    (category === undefined || (typeof category === 'string' && category.length <= 20)) &&
    typeof phone === 'string' &&
    phone.length <= 20 &&
    PHONE.test(phone)
  );
}

function perSecond(fn: () => unknown, ms = 1000): number {
  const end = performance.now() + ms;
  let n = 0;
  while (performance.now() < end) {
    for (let i = 0; i < 1000; i++) fn();
    n += 1000;
  }
  return (n / ms) * 1000;
}

const m = exampleManifest();
const coldRuns: number[] = [];
for (let i = 0; i < 20; i++) {
  clearValidatorCache();
  const t0 = performance.now();
  getActionValidator({ ...m, version: `1.0.${i}` }, 'report');
  coldRuns.push(performance.now() - t0);
}
coldRuns.sort((a, b) => a - b);
const v = getActionValidator(m, 'report');
perSecond(() => v.check(input), 200); // warm up
const baseline = perSecond(() => handWritten(input));
const checkOnly = perSecond(() => v.check(input));
const withResult = perSecond(() => v(input));
const t0 = performance.now();
const runs = 50;
for (let i = 0; i < runs; i++) validateManifest(exampleManifest());
const manifestMs = (performance.now() - t0) / runs;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
console.log(`action input "report" (3 fields, pattern, closed object)`);
console.log(`  baseline hand-written check : ${fmt(baseline)} /s`);
console.log(
  `  cached validator .check()   : ${fmt(checkOnly)} /s  (${(checkOnly / baseline).toFixed(2)}× baseline)`,
);
console.log(
  `  cached validator (result)   : ${fmt(withResult)} /s  (${(withResult / baseline).toFixed(2)}× baseline)`,
);
console.log(
  `cold compile of one action validator: median ${coldRuns[10]!.toFixed(2)} ms, max ${coldRuns[19]!.toFixed(2)} ms`,
);
console.log(`full validateManifest of the example plugin: ${manifestMs.toFixed(2)} ms`);
reportFigure('schema.cached-validator-ratio', Number((checkOnly / baseline).toFixed(2)), '×');
reportFigure('schema.validate-manifest-ms', Number(manifestMs.toFixed(2)), 'ms');
