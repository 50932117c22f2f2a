// `npm test`: every test of the platform, on a fresh machine as on a developer's one.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildFrontEnds,
  ensureChromium,
  ensureDatabase,
  ensurePnpm,
  installDependencies,
  log,
  root,
  run,
} from './lib.mjs';

ensurePnpm();
installDependencies();
ensureDatabase();
ensureChromium();
buildFrontEnds({ force: true });

const reports = join(root, 'test-reports');
mkdirSync(reports, { recursive: true });
const vitestReport = join(reports, 'vitest.json');
const playwrightReport = join(reports, 'playwright.json');

log('unit, component and integration tests (vitest)…');
run('pnpm', [
  'exec',
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestReport}`,
]);
log('browser tests (Playwright in Chromium)…');
run('pnpm', ['exec', 'playwright', 'test', '-c', 'tests/e2e/playwright.config.ts'], {
  env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_FILE: playwrightReport },
});

// One closing line for both runners, so a reader (or CI) sees the whole count at once.
const v = JSON.parse(readFileSync(vitestReport, 'utf8'));
const p = JSON.parse(readFileSync(playwrightReport, 'utf8')).stats;
const passed = v.numPassedTests + p.expected + p.flaky;
const failed = v.numFailedTests + p.unexpected;
const skipped = v.numPendingTests + v.numTodoTests + p.skipped;
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
