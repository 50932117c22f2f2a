// `pnpm bench`: the resident portal's first-load cost.
// 1. Initial JS and CSS of /c/ (the entry chunk and everything it imports statically, from the
//    Vite manifest), gzipped, all JS, and that no Element Plus (the studio's UI library) got in;
//    budgets in scripts/bench/budgets.ts.
// 2. Time to first render of a demo home page in Chromium on a throttled phone: 4× CPU slow-down
//    and DevTools' "Slow 4G" network, against a platform started here on loopback (temp data).
import { chromium } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromiumLaunchOptions, filesWithLibrary, jsGzipKb, reportFigure } from '@scene/bench-kit';

const portalDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const dist = join(portalDir, 'dist');
const manifestPath = join(dist, '.vite', 'manifest.json');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}

// ---------------------------------------------------------------------------------------------
// 1. Bundle size

if (!existsSync(manifestPath) || process.env.BENCH_BUILD === '1') {
  console.log('building packages/portal …');
  const r = spawnSync('pnpm', ['--filter', '@scene/portal', 'build'], {
    cwd: repoRoot,
    stdio: 'ignore',
    timeout: 300_000,
  });
  if (r.status !== 0) throw new Error('the portal build failed');
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, ManifestChunk>;
const entryKey = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
if (!entryKey) throw new Error('no entry chunk in the Vite manifest');

/** The entry chunk and its static imports, transitively: what the browser must load first. */
const initial = new Set<string>();
const visit = (key: string) => {
  if (initial.has(key)) return;
  initial.add(key);
  for (const dep of manifest[key]?.imports ?? []) visit(dep);
};
visit(entryKey);
const gz = (file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const jsFiles = [...initial].map((k) => manifest[k]!.file);
const cssFiles = [...new Set([...initial].flatMap((k) => manifest[k]!.css ?? []))];
const js = jsFiles.reduce((n, f) => n + gz(f), 0);
const css = cssFiles.reduce((n, f) => n + gz(f), 0);
const lazyJs = Object.values(manifest)
  .map((c) => c.file)
  .filter((f) => f.endsWith('.js') && !jsFiles.includes(f))
  .reduce((n, f) => n + gz(f), 0);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
console.log('resident portal /c/ — initial load, gzip');
console.log(`  JS  ${kb(js).padStart(9)}   ${jsFiles.length} files`);
console.log(`  CSS ${kb(css).padStart(9)}   ${cssFiles.length} files`);
reportFigure('portal.initial-js-gzip-kb', Number((js / 1024).toFixed(1)), 'KB');
reportFigure('portal.initial-css-gzip-kb', Number((css / 1024).toFixed(1)), 'KB');
console.log(
  `  loaded later on demand: ${kb(lazyJs)} JS (forms, Vant widgets, tables, charts, calendar, booking)`,
);
const elementPlus = filesWithLibrary(dist, 'element-plus');
console.log(`  all JS: ${jsGzipKb(dist)} KB; files with Element Plus code: ${elementPlus.length}`);
for (const f of elementPlus) console.log(`    ${f}`);
reportFigure('portal.total-js-gzip-kb', jsGzipKb(dist), 'KB');
reportFigure('portal.element-plus-files', elementPlus.length, 'files');

// ---------------------------------------------------------------------------------------------
// 2. Time to first render, throttled

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the platform exited (${child.exitCode})`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the platform did not start in time');
}

const port = await freePort();
const dataDir = mkdtempSync(join(tmpdir(), 'scene-bench-portal-'));
const base = `http://127.0.0.1:${port}`;
const platform = spawn('node', ['--import', 'tsx', 'scripts/dev-platform.ts'], {
  cwd: repoRoot,
  env: {
    ...process.env,
    NODE_ENV: 'development',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    MONGODB_URI: '',
  },
  stdio: 'ignore',
  detached: true,
});
const stop = () => {
  try {
    if (platform.pid) process.kill(-platform.pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
};
const guard = setTimeout(() => {
  console.error('bench timed out');
  stop();
  process.exit(1);
}, 300_000);

try {
  await waitForHealth(`${base}/healthz`, platform, 120_000);
  const browser = await chromium.launch(chromiumLaunchOptions);
  const results: { firstRender: number; fcp: number; bytes: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    // A fresh context each time: nothing cached, as on a first visit.
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await cdp.send('Network.enable');
    // DevTools' "Slow 4G" preset: 562.5 ms latency, 1.44 Mbit/s down, 675 kbit/s up.
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 562.5,
      downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8,
      uploadThroughput: (750 * 1024 * 0.9) / 8,
    });
    // Bytes whose download ended before the first render, on the browser's network clock
    // (seconds, starting with the page's own request).
    let start: number | undefined;
    const finished: { at: number; bytes: number }[] = [];
    cdp.on('Network.requestWillBeSent', (e: { timestamp: number }) => (start ??= e.timestamp));
    cdp.on('Network.loadingFinished', (e: { timestamp: number; encodedDataLength: number }) =>
      finished.push({ at: e.timestamp, bytes: e.encodedDataLength }),
    );
    // First render: the first frame in which the portal's page title and tab bar are on screen,
    // timed by the page itself from the start of navigation (polling from here would add the
    // test driver's own delays, a second and more on a loaded machine).
    // (A string: the TypeScript loader would wrap a function's inner functions in a helper the
    // page does not have.)
    await page.addInitScript(`{
      const shown = (selector) => {
        const box = document.querySelector(selector)?.getBoundingClientRect();
        return !!box && box.width > 0 && box.height > 0;
      };
      const frame = () => {
        if (shown('main h1') && shown('.shell-tabbar__item')) globalThis.firstRender = performance.now();
        else requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    }`);
    await page.goto(`${base}/c/cuiyuan/`, { waitUntil: 'commit' });
    const firstRender = Math.round(
      (await (
        await page.waitForFunction(
          () => (globalThis as { firstRender?: number }).firstRender,
          null,
          {
            timeout: 60_000,
          },
        )
      ).jsonValue()) as number,
    );
    const fcp = await page.evaluate(
      () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    );
    const bytes = finished
      .filter((f) => start !== undefined && (f.at - start) * 1000 <= firstRender)
      .reduce((sum, f) => sum + f.bytes, 0);
    results.push({ firstRender, fcp, bytes });
    await context.close();
  }
  await browser.close();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(
    `demo home page /c/cuiyuan/ — 4× CPU throttling, Slow 4G, cold cache, median of ${RUNS}`,
  );
  console.log(
    `  first render (title + tab bar): ${median(results.map((r) => r.firstRender)).toFixed(0)} ms   runs: ${results.map((r) => r.firstRender).join(', ')} ms`,
  );
  console.log(
    `  first contentful paint (static "loading" line): ${median(results.map((r) => r.fcp)).toFixed(0)} ms`,
  );
  console.log(`  transferred before first render: ${kb(median(results.map((r) => r.bytes)))}`);
  reportFigure('portal.first-render-ms', median(results.map((r) => r.firstRender)), 'ms');
  reportFigure('portal.fcp-ms', Math.round(median(results.map((r) => r.fcp))), 'ms');
} finally {
  clearTimeout(guard);
  stop();
  await new Promise((r) => setTimeout(r, 1500));
  rmSync(dataDir, { recursive: true, force: true });
}
