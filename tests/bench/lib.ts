// Shared helpers for the benchmarks in tests/bench: start a loopback server, measure it with
// autocannon for a bounded time, and print figures as ratios to a baseline from the same run.
import autocannon from 'autocannon';
import { startDatabase, type DiskUsage } from '@scene/devdb';
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
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

export interface Measured {
  name: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  statusCodes: Record<string, number>;
}

export interface BenchPlatform {
  app: express.Express;
  services: Services;
  connection: Awaited<ReturnType<typeof connect>>;
  /** The throw-away database's bytes on disk (all files, and its write-ahead log). */
  diskUsage(): DiskUsage;
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
      await body({ app, services, connection, diskUsage: () => database.diskUsage!() });
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

/** The baseline: a bare Express handler answering the same bytes, ETag and 304s. */
export function bareExpress(path: string, body: Buffer, etag: string): express.Express {
  const app = express();
  app.get(path, (req, res) => {
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'no-cache');
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
  const statusCodes: Record<string, number> = {};
  for (const [code, n] of Object.entries(result.statusCodeStats ?? {}))
    statusCodes[code] = n?.count ?? 0;
  return {
    name,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    statusCodes,
  };
}

/** A subject measured beside its baseline; `ratio` is the subject's req/s over the baseline's. */
export interface Pair {
  subject: Measured;
  baseline: Measured;
  /** The median of the rounds' ratios: one round hit by a burst from elsewhere does not move it. */
  ratio: number;
}

/**
 * Measures a subject and its baseline alternately (rounds of `seconds / rounds` each), so a
 * burst of load from elsewhere on a shared machine hits both rather than one.
 */
export async function measurePair(
  subject: { name: string; url: string; opts?: MeasureOptions },
  baseline: { name: string; url: string; opts?: MeasureOptions },
  opts: MeasureOptions & { rounds?: number } = {},
): Promise<Pair> {
  const rounds = opts.rounds ?? 5;
  const seconds = (opts.seconds ?? 12) / rounds;
  const a: Measured[] = [];
  const b: Measured[] = [];
  for (let i = 0; i < rounds; i++) {
    a.push(await measure(subject.name, subject.url, { ...opts, ...subject.opts, seconds }));
    b.push(await measure(baseline.name, baseline.url, { ...opts, ...baseline.opts, seconds }));
  }
  const ratios = a.map((m, i) => m.requestsPerSecond / b[i]!.requestsPerSecond);
  return { subject: combine(a), baseline: combine(b), ratio: median(ratios) };
}

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;

function combine(list: Measured[]): Measured {
  const statusCodes: Record<string, number> = {};
  for (const m of list)
    for (const [k, v] of Object.entries(m.statusCodes)) statusCodes[k] = (statusCodes[k] ?? 0) + v;
  return {
    name: list[0]!.name,
    requestsPerSecond: list.reduce((s, m) => s + m.requestsPerSecond, 0) / list.length,
    // Rounds are equally long: the median of their medians stands for the whole.
    p50Ms: median(list.map((m) => m.p50Ms)),
    p99Ms: Math.max(...list.map((m) => m.p99Ms)),
    statusCodes,
  };
}

/** Prints each subject beside its same-run baseline; returns each pair's ratio (req/s). */
export function printComparison(title: string, pairs: Pair[]): number[] {
  console.log(`\n${title}`);
  return pairs.map(({ subject, baseline, ratio }) => {
    console.log(
      `  ${subject.name.padEnd(28)} ${subject.requestsPerSecond.toFixed(0).padStart(7)} req/s  p50 ${String(subject.p50Ms).padStart(4)} ms  p99 ${String(subject.p99Ms).padStart(4)} ms  ` +
        `| ${baseline.name.padEnd(22)} ${baseline.requestsPerSecond.toFixed(0).padStart(7)} req/s  p50 ${String(baseline.p50Ms).padStart(4)} ms  p99 ${String(baseline.p99Ms).padStart(4)} ms  | ratio ${ratio.toFixed(2)}  p99 ratio ${(subject.p99Ms / Math.max(1, baseline.p99Ms)).toFixed(2)}`,
    );
    console.log(
      `    status codes: ${JSON.stringify(subject.statusCodes)} vs ${JSON.stringify(baseline.statusCodes)}`,
    );
    return Number(ratio.toFixed(2));
  });
}
