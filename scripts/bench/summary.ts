// Prints every figure of a `pnpm bench` run beside its budget; with --check, exits 1 when a
// figure breaks its limit or a budgeted figure was not measured at all.
import { existsSync, readFileSync } from 'node:fs';
import { budgets, type Bound } from './budgets';
import type { Figure } from '@scene/bench-kit';

const [file, ...flags] = process.argv.slice(2);
const check = flags.includes('--check');
const only = flags.filter((f) => !f.startsWith('--'));

const figures = new Map<string, Figure>();
if (file && existsSync(file)) {
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const f = JSON.parse(line) as Figure;
    figures.set(f.name, f);
  }
}

const within = (v: number, b: Bound) =>
  (b.min === undefined || v >= b.min) && (b.max === undefined || v <= b.max);
const show = (b?: Bound) =>
  !b
    ? ''
    : [b.min !== undefined ? `≥ ${b.min}` : '', b.max !== undefined ? `≤ ${b.max}` : ''].join('');

const failures: string[] = [];
console.log('\nfigures against budgets');
for (const b of budgets) {
  const f = figures.get(b.name);
  if (!f) {
    // A run limited to some benches (`pnpm bench size`) only answers for what it ran.
    if (only.length === 0 && !b.onlyWhenRun) failures.push(`${b.name}: not measured`);
    continue;
  }
  const ok = within(f.value, b.limit);
  const atGoal = b.goal ? within(f.value, b.goal) : ok;
  if (!ok) failures.push(`${b.name}: ${f.value} ${f.unit}, limit ${show(b.limit)}`);
  const verdict = !ok ? 'REGRESSION' : atGoal ? 'at goal' : 'within limit, short of goal';
  console.log(
    `  ${b.what.padEnd(58)} ${String(f.value).padStart(8)} ${f.unit.padEnd(5)} limit ${show(b.limit).padEnd(7)} goal ${show(b.goal).padEnd(7)} ${verdict}`,
  );
}
for (const f of figures.values()) {
  if (!budgets.some((b) => b.name === f.name))
    console.log(`  ${f.name.padEnd(58)} ${String(f.value).padStart(8)} ${f.unit} (no budget)`);
}
if (failures.length) {
  console.log(`\n${failures.length} figure(s) outside their limits:\n  ${failures.join('\n  ')}`);
  if (check) process.exit(1);
}
