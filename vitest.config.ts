import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

// One project per package so each keeps its own environment; the ones that touch data share a
// single database server started once by the global setup, with one database per test file.
const dbSetup = './packages/devdb/src/vitest-global-setup.ts';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'schema', root: './packages/schema', environment: 'node' } },
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
          // Mounting every widget (lazy chunks included) took 7 s on a loaded 2-core machine.
          testTimeout: 20_000,
          setupFiles: ['./vitest.setup.ts'],
          // Vant and Element Plus import their CSS from ES modules; Node cannot load those.
          server: { deps: { inline: ['vant', 'element-plus'] } },
        },
      },
      {
        plugins: [vue()],
        test: {
          name: 'runtime',
          root: './packages/runtime',
          environment: 'happy-dom',
          setupFiles: ['./vitest.setup.ts'],
          // Vant imports its CSS from ES modules; Node cannot load those.
          server: { deps: { inline: ['vant'] } },
        },
      },
      {
        plugins: [vue()],
        test: { name: 'studio', root: './studio', environment: 'happy-dom' },
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
