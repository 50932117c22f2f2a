import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from '@scene/bench-kit';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

// The config is evaluated by the runner and again by each worker; the runner picks the port
// and data folder once and the workers inherit them through the environment.
process.env.E2E_PORT ??= String(20_000 + (process.pid % 20_000));
process.env.E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'scene-e2e-'));
const port = Number(process.env.E2E_PORT);
export const baseURL = `http://127.0.0.1:${port}`;

/** Debian's Chromium; browsers cannot be downloaded on these machines. */
const chromium = {
  ...devices['Desktop Chrome'],
  launchOptions: chromiumLaunchOptions,
};

const AFTER_JOURNEYS = '**/portal-axe.spec.ts';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: process.env.E2E_OUTPUT_DIR ?? join(repoRoot, 'test-results'),
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 90_000,
  // Room for a loaded machine: every expectation waits for an outcome, so a longer ceiling only
  // costs time when something is really wrong.
  expect: { timeout: 15_000 },
  // `npm test` asks for a JSON report too, to print one closing count for both runners.
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_FILE ? [['list'], ['json']] : [['list']],
  use: { baseURL, trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  projects: [
    { name: 'chromium', use: chromium, testIgnore: AFTER_JOURNEYS },
    // The axe walk opens each detail page on a record its viewer has: after the journeys the
    // demo's people have made some (their repairs, requests, bookings), so more pages are reached.
    {
      name: 'after-journeys',
      use: chromium,
      testMatch: AFTER_JOURNEYS,
      dependencies: ['chromium'],
    },
  ],
  // Starts the platform the way `npm start` does (the server built, then run compiled with a
  // local database it starts itself), on a throw-away data folder.
  webServer: {
    command: 'node --import tsx server/scripts/build.ts && node server/dist/dev-platform.js',
    cwd: repoRoot,
    url: `${baseURL}/healthz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: process.env.E2E_DATA_DIR,
      LOG_LEVEL: 'warn',
      // Schedules run every 2 s, so a test sees a run without waiting half a minute.
      SCHEDULE_TICK_MS: '2000',
      // The dashboards' figures, not the "still counting today" note, on a loaded machine.
      DASHBOARD_WAIT_MS: '60000',
      MONGODB_URI: process.env.E2E_MONGODB_URI ?? '',
    },
  },
});
