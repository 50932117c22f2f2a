// `pnpm bench`: the resident portal's first-load cost.
// 1. Initial JS and CSS of /c/ (the entry chunk and everything it imports statically, from the
//    Vite manifest), gzipped, all JS, and that no Element Plus (the studio's UI library) got in;
//    budgets in scripts/bench/budgets.ts.
// 2. Time to first render of a demo home page in Chromium on a throttled phone: 4× CPU slow-down
//    and DevTools' "Slow 4G" network, against a platform started here on loopback (temp data).
import { chromium, type Browser } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromiumLaunchOptions, filesWithLibrary, jsGzipKb, reportFigure } from '@scene/bench-kit';

const portalDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const dist = join(portalDir, 'dist');
const manifestPath = join(dist, '.vite', 'manifest.json');
// Five, not three: on a loaded machine one run in three drew its page a second late (the
// renderer waiting for a core while parsing the HTML), and a median of three then said so.
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

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

/** One cold visit's figures, each timed by the page from the start of its navigation (ms). */
interface Run {
  firstRender: number;
  /** The browser's first-contentful-paint entry; undefined when it reported none. */
  fcp: number | undefined;
  /**
   * The browser's largest contentful paint once the page has loaded (what Lighthouse reports as
   * LCP, and what issue 18 asks of the first page); undefined when it reported none.
   */
  lcp: number | undefined;
  /** The first frame of any kind, and when the page's HTML began and finished arriving. */
  firstFrame: number;
  htmlStart: number;
  htmlEnd: number;
  /** Whether the HTML came drawn by the server (holds its hydration state). */
  serverDrawn: boolean;
  /** Bytes whose download ended before the first render. */
  bytes: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (n: number) => `${Math.round(n)} ms`;
const describe = (r: Run) =>
  [
    `first render ${ms(r.firstRender)}`,
    `FCP ${r.fcp === undefined ? 'not reported' : ms(r.fcp)}`,
    `LCP ${r.lcp === undefined ? 'not reported' : ms(r.lcp)}`,
    `first frame ${ms(r.firstFrame)}`,
    `HTML ${ms(r.htmlStart)}–${ms(r.htmlEnd)}`,
    r.serverDrawn ? 'drawn by the server' : 'PLAIN PAGE (drawn by the browser)',
    kb(r.bytes),
  ].join(', ');

/**
 * The page's own clock, set before any of its scripts: the first frame in which the portal's
 * page title and tab bar are on screen (polling from the driver would add its own delays, a
 * second and more on a loaded machine), and the first frame at all.
 * (A string: the TypeScript loader would wrap a function's inner functions in a helper the
 * page does not have.)
 */
const pageClock = `{
  const shown = (selector) => {
    const box = document.querySelector(selector)?.getBoundingClientRect();
    return !!box && box.width > 0 && box.height > 0;
  };
  const frame = () => {
    globalThis.firstFrame ??= performance.now();
    if (shown('main h1') && shown('.shell-tabbar__item')) globalThis.firstRender = performance.now();
    else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}`;

/**
 * How long the first-contentful-paint entry may take after the first render before it counts as
 * missing. The entry is written when its frame reaches the screen, after the frame's animation
 * callback that timed the first render: with a starved renderer (20× CPU throttling here) that
 * was 150–670 ms later, so a read made once, right after the first render, can find none (it
 * printed NaN).
 */
const PAINT_WAIT_MS = 15_000;

/**
 * The last largest-contentful-paint entry so far (ms from the navigation's start), read in the
 * page after its load event: images and late blocks have painted by then. The observer hands its
 * buffered entries over in a task of its own, so the read waits a moment for them. (A string, as
 * pageClock.)
 */
const lastLcp = `new Promise((resolve) => {
  let last;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) last = e.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  setTimeout(() => resolve(last === undefined ? undefined : Math.round(last)), 500);
})`;

async function measure(browser: Browser, url: string): Promise<Run> {
  // A fresh context each time: nothing cached, as on a first visit.
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  try {
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
    await page.addInitScript(pageClock);
    const response = await page.goto(url, { waitUntil: 'commit' });
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
    const fcp = await page
      .waitForFunction(
        () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
        null,
        { timeout: PAINT_WAIT_MS },
      )
      .then(async (h) => Math.round((await h.jsonValue()) as number))
      .catch(() => undefined);
    await page.waitForLoadState('load', { timeout: 60_000 });
    const lcp = (await page.evaluate(lastLcp)) as number | undefined;
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return {
        // Set in the same callback as firstRender, at the latest.
        firstFrame: (globalThis as { firstFrame?: number }).firstFrame ?? 0,
        htmlStart: nav.responseStart,
        htmlEnd: nav.responseEnd,
      };
    });
    const html = response ? await response.text() : '';
    const bytes = finished
      .filter((f) => start !== undefined && (f.at - start) * 1000 <= firstRender)
      .reduce((sum, f) => sum + f.bytes, 0);
    return {
      firstRender,
      fcp,
      lcp,
      ...timing,
      serverDrawn: html.includes('id="sp-state"'),
      bytes,
    };
  } finally {
    await context.close();
  }
}

/** CPU seconds used so far by a process group's processes (the platform: server and database). */
function cpuSeconds(pgid: number | undefined): number {
  if (!pgid) return 0;
  const ps = spawnSync('ps', ['-o', 'pgid=,times=', '-e'], { encoding: 'utf8' });
  return ps.stdout
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number))
    .filter(([g]) => g === pgid)
    .reduce((sum, [, t]) => sum + (t ?? 0), 0);
}

const port = await freePort();
const dataDir = mkdtempSync(join(tmpdir(), 'scene-bench-portal-'));
const base = `http://127.0.0.1:${port}`;
const platformLogPath = join(dataDir, 'platform.log');
const platformLog = openSync(platformLogPath, 'w');
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
  // Its warnings (a first page it could not draw) are kept to explain a plain page.
  stdio: ['ignore', platformLog, platformLog],
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
  const url = `${base}/c/cuiyuan/`;
  // The first request after a start builds the community's runtime bundle and draws its page
  // (about 1.0 s on a loaded machine; the last CI's run 1 waited 1.7 s for its HTML, the others
  // 0.7 s). A production server has drawn a busy community's home page long before a phone asks
  // (it keeps it per bundle ETag): the page is asked for once before measuring, and that wait is
  // printed. One browser visit, not measured either, takes the browser's own start-up work out of
  // run 1. Each run still has a fresh context: nothing cached on the phone's side.
  const coldStart = performance.now();
  await fetch(url, { headers: { 'accept-encoding': 'gzip' } }).then((r) => r.arrayBuffer());
  const coldMs = performance.now() - coldStart;
  const browser = await chromium.launch(chromiumLaunchOptions);
  await measure(browser, url);
  const loadBefore = loadavg()[0]!;
  const cpuBefore = cpuSeconds(platform.pid);
  const measuredFrom = performance.now();
  const results: Run[] = [];
  for (let i = 0; i < RUNS; i++) results.push(await measure(browser, url));
  const platformShare =
    (cpuSeconds(platform.pid) - cpuBefore) / ((performance.now() - measuredFrom) / 1000);
  await browser.close();
  console.log(
    `demo home page /c/cuiyuan/ — 4× CPU throttling, Slow 4G, cold browser cache, warm server, median of ${RUNS}`,
  );
  console.log(
    `  the server's first answer for the page after its start (not measured): ${ms(coldMs)}`,
  );
  results.forEach((r, i) => console.log(`  run ${i + 1}: ${describe(r)}`));
  // The platform is idle while the phone loads (every request is answered from its caches) yet
  // its pollers and the local database use a share of the two cores the browser needs.
  console.log(
    `  the platform's own CPU use (server + local database) during the runs: ${(platformShare * 100).toFixed(0)}% of one core`,
  );
  // A first render long after the whole HTML arrived is the browser's main thread waiting for a
  // core (throttled 4× on top): the figure then says more about the machine than the page.
  console.log(
    `  load average (1 min) before and after: ${loadBefore.toFixed(1)}, ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`,
  );
  const firstRender = median(results.map((r) => r.firstRender));
  console.log(`  first render (title + tab bar): ${firstRender} ms`);
  const fcps = results.flatMap((r) => (r.fcp === undefined ? [] : [r.fcp]));
  if (fcps.length === results.length) {
    console.log(`  first contentful paint: ${median(fcps)} ms`);
    reportFigure('portal.fcp-ms', median(fcps), 'ms');
  } else {
    // No number is built on a paint the browser did not report (it was printed as NaN).
    console.log(
      `  first contentful paint: not reported by the browser in ${results.length - fcps.length} of ${results.length} runs — no figure`,
    );
  }
  const lcps = results.flatMap((r) => (r.lcp === undefined ? [] : [r.lcp]));
  if (lcps.length === results.length) {
    console.log(`  largest contentful paint, after load: ${median(lcps)} ms`);
    reportFigure('portal.lcp-ms', median(lcps), 'ms');
  } else {
    console.log(
      `  largest contentful paint: not reported by the browser in ${results.length - lcps.length} of ${results.length} runs — no figure`,
    );
  }
  console.log(`  transferred before first render: ${kb(median(results.map((r) => r.bytes)))}`);
  const notDrawn = results.filter((r) => !r.serverDrawn).length;
  if (notDrawn)
    console.log(
      `  WARNING: in ${notDrawn} of ${results.length} runs the server sent the plain page (the browser drew it); the platform said:`,
      readFileSync(platformLogPath, 'utf8')
        .split('\n')
        .filter((l) => l.includes('first page'))
        .join('\n') || '  (nothing about the first page)',
    );
  reportFigure('portal.first-render-ms', firstRender, 'ms');
} finally {
  clearTimeout(guard);
  stop();
  await new Promise((r) => setTimeout(r, 1500));
  rmSync(dataDir, { recursive: true, force: true });
}
