import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

// One project per package so each keeps its own environment; the ones that touch data share a
// single database server started once by the global setup, with one database per test file.
const dbSetup = './packages/devdb/src/vitest-global-setup.ts';

export default defineConfig({
  test: {
    // Vitest's default is one worker fewer than the cores: one, here. Most of a data test's time
    // is the database server's (another process), so a second worker uses the core that waits:
    // the server project took 507 s with one worker and 334 s with two on this 2-core machine.
    maxWorkers: 2,
    projects: [
      {
        // Property tests (hundreds of generated documents, Ajv compiling the meta-schema) take
        // seconds when several suites share two cores.
        test: {
          name: 'schema',
          root: './packages/schema',
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      { test: { name: 'devdb', root: './packages/devdb', environment: 'node' } },
      { test: { name: 'client', root: './packages/client', environment: 'node' } },
      { test: { name: 'passwords', root: './packages/passwords', environment: 'node' } },
      { test: { name: 'cli', root: './packages/cli', environment: 'node' } },
      { test: { name: 'plugins', root: './plugins', environment: 'node' } },
      {
        test: {
          name: 'server',
          root: './server',
          environment: 'node',
          globalSetup: [`../${dbSetup}`],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [vue()],
        test: {
          name: 'forms',
          root: './packages/forms',
          environment: 'happy-dom',
          setupFiles: ['./vitest.setup.ts'],
          // The first form of a file loads Element Plus's widgets (2 s alone, over 5 s beside the
          // rest of the suite on two cores).
          testTimeout: 20_000,
          // Vant and Element Plus import their CSS from ES modules; Node cannot load those.
          server: { deps: { inline: ['vant', 'element-plus'] } },
        },
      },
      {
        plugins: [vue()],
        test: {
          name: 'renderer',
          root: './packages/renderer',
          environment: 'happy-dom',
          setupFiles: ['./vitest.setup.ts'],
          // Vant imports its CSS from ES modules; Node cannot load those.
          server: { deps: { inline: ['vant'] } },
        },
      },
      {
        plugins: [vue()],
        test: {
          name: 'portal',
          root: './packages/portal',
          environment: 'happy-dom',
        },
      },
      {
        plugins: [vue()],
        test: {
          name: 'studio',
          root: './studio',
          environment: 'happy-dom',
          // A route's first visit imports its screen (Element Plus, the renderer): seconds on a
          // loaded two-core machine.
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'api',
          root: './tests',
          include: ['api/**/*.test.ts'],
          environment: 'node',
          globalSetup: [`../${dbSetup}`],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
