// `npm test`: every test of the platform, on a fresh machine as on a developer's one.
import {
  buildFrontEnds,
  ensureChromium,
  ensureDatabase,
  ensurePnpm,
  installDependencies,
  log,
  run,
} from './lib.mjs';

ensurePnpm();
installDependencies();
ensureDatabase();
ensureChromium();
buildFrontEnds({ force: true });

log('unit, component and integration tests (vitest)…');
run('pnpm', ['exec', 'vitest', 'run']);
log('browser tests (Playwright in Chromium)…');
run('pnpm', ['exec', 'playwright', 'test', '-c', 'tests/e2e/playwright.config.ts']);
log('all tests passed');
