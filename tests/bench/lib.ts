// Shared helpers for the benchmarks in tests/bench: start a loopback server, measure it with
// autocannon for a bounded time, and print figures as ratios to a baseline from the same run.
import autocannon from 'autocannon';
import { startDatabase, statCpuSeconds, type DiskUsage } from '@scene/devdb';
import {
  connect,
  createAppWithServices,
  createLogger,
  ensureIndexes,
  loadConfig,
  seedDemo,
  type Services,
} from '@scene/server';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

export interface BenchPlatform {
  app: express.Express;
  services: Services;
  connection: Awaited<ReturnType<typeof connect>>;
  /** The throw-away database's bytes on disk (all files, and its write-ahead log). */
  diskUsage(): DiskUsage;
  /** CPU seconds the throw-away database has used so far (undefined without /proc). */
  databaseCpuSeconds(): number | undefined;
}

/**
 * Runs `body` against the whole platform app (demo seeded, answer checks off as in production)
 * on a throw-away database, then drops it all, whatever `body` did.
 */
export async function withPlatform(
  name: string,
  body: (platform: BenchPlatform) => Promise<void>,
  options: { monitorCommands?: boolean } = {},
): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'scene-bench-'));
  const database = await startDatabase({ dataDir });
  try {
    const connection = await connect(database.uri, `bench_${name}_${Date.now()}`, {
      monitorCommands: options.monitorCommands,
      // A bench measures speed, not how a stalled database is reported: on the shared machine
      // (load average 20) one command of the 30-minute scale run waited past the server's 4 s
      // and ended the run at community 900.
      timeoutMs: 30_000,
    });
    await ensureIndexes(connection);
    const config = loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'b'.repeat(32) });
    const { app, services } = createAppWithServices({
      config,
      connection,
      logger: createLogger(config),
      staticDirs: { studioDist: '/nonexistent', portalDist: '/nonexistent' },
      checkAnswers: false,
    });
    await seedDemo(services, { mode: 'development' });
    try {
      await body({
        app,
        services,
        connection,
        diskUsage: () => database.diskUsage!(),
        databaseCpuSeconds: () => database.cpuSeconds?.(),
      });
    } finally {
      services.feed.stop();
      await connection.dropDatabase();
      await connection.close();
    }
  } finally {
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function listen(
  app: express.Express,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/**
 * The baseline: a bare Express handler answering the same bytes, ETag and 304s, with the same
 * headers the runtime route sends (Express's `X-Powered-By` off, as the platform has it), so
 * the comparison is of the work behind the answer, not of how many headers each writes.
 * The runtime bench checks the two answers' headers are the same.
 */
export function bareExpress(path: string, body: Buffer, etag: string): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.get(path, (req, res) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Vary', 'Accept-Encoding');
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end();
      return;
    }
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.end(body);
  });
  return app;
}

export interface MeasureOptions {
  headers?: Record<string, string>;
  seconds?: number;
  connections?: number;
  /** Spreads the requests: each one asks for a random path of these (with its own headers). */
  spread?: { path: string; headers?: Record<string, string> }[];
}

export interface Measured {
  name: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /**
   * CPU time of this process's main thread (where the servers run; the load comes from a worker
   * thread) per request answered, in µs; undefined where /proc is not there to tell.
   */
  cpuUsPerRequest: number | undefined;
  statusCodes: Record<string, number>;
  /** Requests that failed on the wire (resets, timeouts): a healthy run has none. */
  errors: number;
}

/**
 * Load from one autocannon worker thread: the server under test keeps the main thread's event
 * loop to itself, as it would in production, instead of sharing it with the load generator (on
 * two cores the shared loop made the same-run ratio swing by ±0.1 between quiet runs).
 */
export async function measure(
  name: string,
  url: string,
  opts: MeasureOptions = {},
): Promise<Measured> {
  const spread = opts.spread;
  // The worker reads its paths from the environment it is started with (see spread-request.cjs).
  if (spread?.length) process.env.BENCH_SPREAD = JSON.stringify(spread);
  const cpuBefore = mainThreadCpuMs();
  const result = await autocannon({
    url,
    workers: 1,
    connections: opts.connections ?? 64,
    duration: opts.seconds ?? 5,
    headers: opts.headers ?? {},
    ...(spread?.length
      ? {
          requests: [
            { setupRequest: fileURLToPath(new URL('./spread-request.cjs', import.meta.url)) },
          ],
        }
      : {}),
    // The types know setupRequest only as a function; in workers mode it is the file to require.
  } as autocannon.Options);
  const cpuAfter = mainThreadCpuMs();
  const statusCodes: Record<string, number> = {};
  for (const [code, n] of Object.entries(result.statusCodeStats ?? {}))
    statusCodes[code] = n?.count ?? 0;
  const answered = Object.values(statusCodes).reduce((s, n) => s + n, 0);
  return {
    name,
    // Rounds are short: the count over the time, not the mean of a few one-second samples.
    requestsPerSecond: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    cpuUsPerRequest:
      cpuBefore === undefined || cpuAfter === undefined || !answered
        ? undefined
        : ((cpuAfter - cpuBefore) * 1000) / answered,
    statusCodes,
    errors: result.errors + result.timeouts,
  };
}

/**
 * User + system CPU time of the main thread so far (ms), from Linux's per-thread counters (in
 * clock ticks of 10 ms: under 1 % of a 2-second round). Unlike req/s it hardly moves when other
 * processes take the cores: a request costs the same CPU however long it waits for one.
 */
function mainThreadCpuMs(): number | undefined {
  const seconds = statCpuSeconds(`/proc/self/task/${process.pid}/stat`);
  return seconds === undefined ? undefined : seconds * 1000;
}

/** A subject measured beside its baseline, round by round (see measurePair). */
export interface Pair {
  /** Each side's median round (req/s, p50, p99, CPU per request) and all its status codes. */
  subject: Measured;
  baseline: Measured;
  /** The median of the rounds' req/s ratios (subject over baseline). */
  ratio: number;
  /** The median of the rounds' p99 ratios (subject over baseline). */
  p99Ratio: number;
  /** The median of the rounds' CPU ratios (baseline's CPU per request over the subject's). */
  cpuRatio: number | undefined;
  /** The per-round req/s ratios, in the order measured: their range is the noise. */
  roundRatios: number[];
  roundCpuRatios: number[];
}

/**
 * Measures a subject and its baseline in alternating rounds of `seconds / rounds` each, in the
 * order A B, B A, A B, … so a burst of load from elsewhere, or load that rises or falls through
 * the run, hits both sides alike. Each round's pair gives a ratio; the figure is their median, so
 * one round hit by a burst does not move it, and their range says how much to trust it.
 */
export async function measurePair(
  subject: { name: string; url: string; opts?: MeasureOptions },
  baseline: { name: string; url: string; opts?: MeasureOptions },
  opts: MeasureOptions & { rounds?: number } = {},
): Promise<Pair> {
  const rounds = opts.rounds ?? 8;
  const seconds = (opts.seconds ?? 16) / rounds;
  const a: Measured[] = [];
  const b: Measured[] = [];
  const one = (side: typeof subject) =>
    measure(side.name, side.url, { ...opts, ...side.opts, seconds });
  for (let i = 0; i < rounds; i++) {
    if (i % 2 === 0) {
      a.push(await one(subject));
      b.push(await one(baseline));
    } else {
      b.push(await one(baseline));
      a.push(await one(subject));
    }
  }
  const roundRatios = a.map((m, i) => m.requestsPerSecond / b[i]!.requestsPerSecond);
  const roundCpuRatios = a.flatMap((m, i) => {
    const mine = m.cpuUsPerRequest;
    const theirs = b[i]!.cpuUsPerRequest;
    return mine && theirs ? [theirs / mine] : [];
  });
  return {
    subject: combine(a),
    baseline: combine(b),
    ratio: median(roundRatios),
    p99Ratio: median(a.map((m, i) => m.p99Ms / Math.max(1, b[i]!.p99Ms))),
    cpuRatio: roundCpuRatios.length === rounds ? median(roundCpuRatios) : undefined,
    roundRatios,
    roundCpuRatios,
  };
}

/** The median; of an even count, the mean of the middle two. */
function median(xs: number[]): number {
  const sorted = [...xs].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function combine(list: Measured[]): Measured {
  const statusCodes: Record<string, number> = {};
  for (const m of list)
    for (const [k, v] of Object.entries(m.statusCodes)) statusCodes[k] = (statusCodes[k] ?? 0) + v;
  const cpu = list.map((m) => m.cpuUsPerRequest);
  return {
    name: list[0]!.name,
    requestsPerSecond: median(list.map((m) => m.requestsPerSecond)),
    p50Ms: median(list.map((m) => m.p50Ms)),
    p99Ms: median(list.map((m) => m.p99Ms)),
    cpuUsPerRequest: cpu.every((c) => c !== undefined) ? median(cpu) : undefined,
    statusCodes,
    errors: list.reduce((s, m) => s + m.errors, 0),
  };
}

/** The middle half of the rounds' ratios and all of them, e.g. `0.91–0.97 of 0.62–1.10`. */
function spread(xs: number[]): string {
  const sorted = [...xs].sort((x, y) => x - y);
  const q = Math.floor(sorted.length / 4);
  const span = (lo: number, hi: number) => `${lo.toFixed(2)}–${hi.toFixed(2)}`;
  return `middle half ${span(sorted[q]!, sorted[sorted.length - 1 - q]!)}, all ${span(sorted[0]!, sorted[sorted.length - 1]!)}`;
}

/**
 * Prints each subject beside its same-run baseline (medians of the rounds), then the ratios
 * with the range of the rounds' ratios; returns each pair's req/s ratio.
 */
export function printComparison(title: string, pairs: Pair[]): number[] {
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  console.log(`\n${title}\n  (load average ${load}: ratios are of rounds alternating A B, B A, …)`);
  const side = (m: Measured) =>
    `${m.name.padEnd(28)} ${m.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${String(m.p50Ms).padStart(4)} ms  p99 ${String(m.p99Ms).padStart(4)} ms` +
    (m.cpuUsPerRequest === undefined
      ? ''
      : `  CPU ${m.cpuUsPerRequest.toFixed(0).padStart(4)} µs/req`);
  return pairs.map((pair) => {
    const { subject, baseline, ratio } = pair;
    console.log(`  ${side(subject)}\n  ${side(baseline)}`);
    const cpu =
      pair.cpuRatio === undefined
        ? ''
        : `\n    CPU ratio ${pair.cpuRatio.toFixed(2)} (${spread(pair.roundCpuRatios)})`;
    console.log(
      `    req/s ratio ${ratio.toFixed(2)} (${pair.roundRatios.length} rounds: ${spread(pair.roundRatios)})  p99 ratio ${pair.p99Ratio.toFixed(2)}${cpu}`,
    );
    const odd = [subject, baseline].filter(
      (m) => m.errors || Object.keys(m.statusCodes).length !== 1,
    );
    for (const m of odd)
      console.log(
        `    ${m.name}: status codes ${JSON.stringify(m.statusCodes)}, ${m.errors} errors`,
      );
    return Number(ratio.toFixed(2));
  });
}
