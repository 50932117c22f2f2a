// `pnpm bench soak`: a busy community over time. 30 residents and a technician of one demo
// community, 16 of them at once, mixed traffic (the portal's runtime, the inbox, "my repairs",
// reports, the technician's queue and accept) for 8 minutes when the bench is named
// (SOAK_SECONDS to change), 90 s inside a whole `pnpm bench`. Prints req/s and p50/p99 per kind for
// the first and the last window (a minute, or a fifth of a short run), the database's disk growth
// and every 5xx. Goal (issue 18): the last window within 80 % of the first, disk growth bounded.
//
// SOAK_PROFILE=1 also prints, per window, where the database's time went: the driver's command
// events summed by command and collection (the cause of a slow kind is usually one scan).
//
// Every person starts with a history (SOAK_HISTORY reports each, the technician having accepted
// every other one), as in a community in use for weeks: their inbox heads, first pages of "my
// repairs" and the queue are full from the first minute, so first vs last compares the same
// community with less and more data, not empty stores filling (the first minute of a run from
// empty people was ~1 ms of database CPU per request cheaper than every later one).
// SOAK_HISTORY=0 starts from empty people.
//
// The users run in this process beside the server: their share of the CPU is small next to the
// server's and the database's, and it is the same in both windows.
import { createApi, type Api } from '@scene/client';
import { reportFigure } from '@scene/bench-kit';
import { listen, withPlatform, type BenchPlatform } from './lib';
import { commandLabel } from '../../server/src/testing/command-log';
import { NOTIFY_JOBS } from '../../server/src/data/records/names';

const SECONDS = Number(process.env.SOAK_SECONDS ?? (process.env.BENCH_NAMED ? 480 : 90));
const WINDOW = Math.min(60, SECONDS / 5);
const USERS = 16;
const RESIDENTS = 30;
const COMMUNITY = 'cuiyuan';
const REPAIR = 'std.property-repair';
const PASSWORD = 'soak-Quill-7402';
/** Reports each resident made before the run: more than a page of "my repairs" and an inbox head. */
const HISTORY = Number(process.env.SOAK_HISTORY ?? 25);

const REPORT = {
  category: 'plumbing',
  locationType: 'room',
  room: '3幢2单元1201',
  title: '厨房水管漏水',
  contactName: '张三丰',
  contactPhone: '13812341234',
};

type Kind = 'runtime' | 'inbox' | 'my-repairs' | 'report' | 'queue' | 'accept';
/** How often each kind comes up for a resident (the technician works the queue). */
const RESIDENT_MIX: [Kind, number][] = [
  ['runtime', 35],
  ['inbox', 30],
  ['my-repairs', 20],
  ['report', 15],
];

interface Sample {
  kind: Kind;
  at: number;
  ms: number;
  status: number;
}

function pick(mix: [Kind, number][]): Kind {
  let r = Math.random() * mix.reduce((s, [, w]) => s + w, 0);
  for (const [kind, w] of mix) if ((r -= w) < 0) return kind;
  return mix[0]![0];
}

const statusOf = (e: unknown) =>
  typeof e === 'object' && e !== null && 'status' in e && typeof e.status === 'number'
    ? e.status
    : 599;

/** Accepts the first submitted ticket of the technician's queue; false when there is none. */
async function acceptOne(api: Api): Promise<boolean> {
  const page = await api.records.query(COMMUNITY, REPAIR, 'queue', {
    limit: 5,
    filter: { status: 'submitted' },
  });
  const first = page.kind === 'list' ? page.items[0] : undefined;
  if (first) await api.records.action(COMMUNITY, REPAIR, 'accept', { recordId: first.id });
  return first !== undefined;
}

async function step(api: Api, kind: Kind): Promise<void> {
  switch (kind) {
    case 'runtime':
      await api.runtime.bundle(COMMUNITY);
      return;
    case 'inbox':
      await api.inbox.unreadCount(COMMUNITY);
      await api.inbox.list({ limit: 20 });
      return;
    case 'my-repairs':
      await api.records.query(COMMUNITY, REPAIR, 'myTickets', { limit: 20 });
      return;
    case 'report':
      await api.records.action(COMMUNITY, REPAIR, 'report', { input: REPORT });
      return;
    case 'queue':
      await api.records.query(COMMUNITY, REPAIR, 'queue', { limit: 20 });
      return;
    case 'accept':
      await acceptOne(api);
      return;
  }
}

function summarise(samples: Sample[], from: number, to: number) {
  const inWindow = samples.filter((s) => s.at >= from && s.at < to);
  const perKind = new Map<Kind, number[]>();
  for (const s of inWindow) {
    const list = perKind.get(s.kind) ?? [];
    list.push(s.ms);
    perKind.set(s.kind, list);
  }
  const pct = (xs: number[], p: number) =>
    [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;
  return {
    rate: inWindow.length / ((to - from) / 1000),
    p99: pct(
      inWindow.map((s) => s.ms),
      0.99,
    ),
    kinds: [...perKind].map(([kind, ms]) => ({
      kind,
      rate: ms.length / ((to - from) / 1000),
      p50: pct(ms, 0.5),
      p99: pct(ms, 0.99),
    })),
  };
}

interface DbSample {
  key: string;
  at: number;
  ms: number;
}

/** Records each database command's time, keyed by `command collection`. */
function profileCommands(
  connection: BenchPlatform['connection'],
  started: () => number,
): DbSample[] {
  const out: DbSample[] = [];
  const open = new Map<number, { key: string; t0: number }>();
  const client = connection.getClient();
  client.on('commandStarted', (e) => {
    open.set(e.requestId, {
      key: commandLabel(e),
      t0: performance.now(),
    });
  });
  const end = (e: { requestId: number }) => {
    const o = open.get(e.requestId);
    if (!o) return;
    open.delete(e.requestId);
    out.push({ key: o.key, at: started(), ms: performance.now() - o.t0 });
  };
  client.on('commandSucceeded', end);
  client.on('commandFailed', end);
  return out;
}

function printProfile(samples: DbSample[], from: number, to: number): void {
  const by = new Map<string, number[]>();
  for (const s of samples) {
    if (s.at < from || s.at >= to) continue;
    const list = by.get(s.key) ?? [];
    list.push(s.ms);
    by.set(s.key, list);
  }
  const rows = [...by]
    .map(([key, ms]) => ({
      key,
      n: ms.length,
      total: ms.reduce((a, b) => a + b, 0),
      p50: [...ms].sort((a, b) => a - b)[Math.floor(ms.length / 2)]!,
    }))
    .sort((a, b) => b.total - a.total)
    .slice(0, 12);
  for (const r of rows)
    console.log(
      `      db ${r.key.padEnd(34)} ${String(r.n).padStart(6)}×  p50 ${r.p50.toFixed(0).padStart(5)} ms  total ${(r.total / 1000).toFixed(1).padStart(6)} s`,
    );
}

const PROFILE = process.env.SOAK_PROFILE === '1';

interface CpuReading {
  /** This process's CPU seconds: the server and the users. */
  self: number;
  database: number | undefined;
}

/** Reads both processes' CPU time at each of `seconds` after now. */
function cpuReadings(
  databaseCpuSeconds: () => number | undefined,
  seconds: number[],
): Promise<CpuReading[]> {
  const started = Date.now();
  const read = (): CpuReading => {
    const { user, system } = process.cpuUsage();
    return { self: (user + system) / 1e6, database: databaseCpuSeconds() };
  };
  return Promise.all(
    seconds.map(
      (s) =>
        new Promise<CpuReading>((resolve) =>
          setTimeout(() => resolve(read()), Math.max(0, started + s * 1000 - Date.now())),
        ),
    ),
  );
}

/** Milliseconds of CPU per request answered between two readings, by process. */
function cpuPerRequest(
  from: CpuReading,
  to: CpuReading,
  samples: Sample[],
  fromS: number,
  toS: number,
): { self: number; database: number | undefined } {
  const n = Math.max(1, samples.filter((s) => s.at >= fromS * 1000 && s.at < toS * 1000).length);
  return {
    self: ((to.self - from.self) * 1000) / n,
    database:
      from.database === undefined || to.database === undefined
        ? undefined
        : ((to.database - from.database) * 1000) / n,
  };
}

/** Where the disk went: the largest collections, their documents and mean document size. */
async function printCollections(connection: BenchPlatform['connection']): Promise<void> {
  const db = connection.db!;
  const rows: { name: string; count: number; size: number }[] = [];
  for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
    const stats = (await db.command({ collStats: name })) as { count?: number; size?: number };
    rows.push({ name, count: stats.count ?? 0, size: stats.size ?? 0 });
  }
  rows.sort((a, b) => b.size - a.size);
  for (const r of rows.slice(0, 10))
    console.log(
      `      coll ${r.name.padEnd(40)} ${String(r.count).padStart(7)} docs  ${(r.size / 2 ** 20).toFixed(1).padStart(6)} MB  ${r.count ? Math.round(r.size / r.count) : 0} B each`,
    );
}

/**
 * The weeks before the run: HISTORY reports by each resident, 16 at a time, the technician
 * accepting every other one, then the notices delivered. Returns what was made, for the log.
 */
async function makeHistory(
  residents: Api[],
  technician: Api,
  queuedJobs: () => Promise<number>,
): Promise<string> {
  const t0 = performance.now();
  const reports = residents.flatMap((api) => Array.from({ length: HISTORY }, () => api));
  let next = 0;
  await Promise.all(
    Array.from({ length: USERS }, async () => {
      while (next < reports.length)
        await reports[next++]!.records.action(COMMUNITY, REPAIR, 'report', { input: REPORT });
    }),
  );
  let accepted = 0;
  while (accepted < reports.length / 2 && (await acceptOne(technician))) accepted++;
  // The run starts once the history's notices are in their inboxes, not with a backlog.
  const deadline = Date.now() + 300_000;
  let left = await queuedJobs();
  while (left > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    left = await queuedJobs();
  }
  const s = ((performance.now() - t0) / 1000).toFixed(1);
  const notices = left ? `${left} notice jobs still queued` : 'notices delivered';
  return `history: ${reports.length} reports, ${accepted} accepted, ${notices} (${s} s)`;
}

const checkpoints = (usage: ReturnType<BenchPlatform['diskUsage']>) =>
  usage.walCheckpoints === undefined
    ? ''
    : usage.walCheckpoints === null
      ? '; no sqlite3 shell to checkpoint it'
      : `; cut back ${usage.walCheckpoints.done}×, ${usage.walCheckpoints.busy} attempts kept busy`;

await withPlatform(
  'soak',
  async ({ app, services, connection, diskUsage, databaseCpuSeconds }) => {
    const server = await listen(app);
    const clientFor = (token: string) =>
      createApi({ baseUrl: server.url, headers: { cookie: `scene_session=${token}` } });
    const people: { api: Api; mix: [Kind, number][] }[] = [];
    for (let i = 0; i < RESIDENTS; i++) {
      const account = await services.auth.createAccount({
        username: `soak-resident-${i}`,
        displayName: `住户 ${i}`,
        password: PASSWORD,
        platformRoles: [],
      });
      await services.members.ensure(COMMUNITY, account.id, 'resident');
      const { token } = await services.auth.openSession(account.id);
      people.push({ api: clientFor(token), mix: RESIDENT_MIX });
    }
    const tech = await services.auth.createAccount({
      username: 'soak-technician',
      displayName: '维修师傅',
      password: PASSWORD,
      platformRoles: [],
    });
    await services.members.ensure(COMMUNITY, tech.id, 'staff');
    const technician = clientFor((await services.auth.openSession(tech.id)).token);

    // As a server process runs it (server.ts): notices reach inboxes while the users work, and
    // the worker's database commands compete with theirs. Without it the queue only grew.
    services.dataPlane.notifications.start();
    const queuedJobs = () => connection.db!.collection(NOTIFY_JOBS).countDocuments({});
    const history = HISTORY
      ? await makeHistory(
          people.map((p) => p.api),
          technician,
          queuedJobs,
        )
      : 'history: none (SOAK_HISTORY=0)';
    const diskBefore = diskUsage();
    const samples: Sample[] = [];
    const started = Date.now();
    const dbSamples = PROFILE ? profileCommands(connection, () => Date.now() - started) : [];
    const ends = started + SECONDS * 1000;
    // Every window's edges, and the last window's (the same ones when windows fill the run).
    const edges = [
      ...new Set([
        ...Array.from({ length: Math.floor(SECONDS / WINDOW) + 1 }, (_, i) => i * WINDOW),
        SECONDS - WINDOW,
        SECONDS,
      ]),
    ].sort((a, b) => a - b);
    const cpu = cpuReadings(databaseCpuSeconds, edges);
    const user = async (n: number) => {
      while (Date.now() < ends) {
        // One of the 16 is the technician; the others are residents taking turns.
        const isTech = n === 0;
        const api = isTech ? technician : people[Math.floor(Math.random() * people.length)]!.api;
        const kind = isTech ? (Math.random() < 0.5 ? 'queue' : 'accept') : pick(RESIDENT_MIX);
        const t0 = performance.now();
        let status = 200;
        try {
          await step(api, kind);
        } catch (e) {
          status = statusOf(e);
        }
        samples.push({ kind, at: Date.now() - started, ms: performance.now() - t0, status });
      }
    };
    await Promise.all(Array.from({ length: USERS }, (_, n) => user(n)));
    const diskAfter = diskUsage();
    // Notices the worker has yet to send: a worker that falls behind leaves a growing queue.
    const jobsLeft = await queuedJobs();
    await services.dataPlane.notifications.stop();

    const first = summarise(samples, 0, WINDOW * 1000);
    const last = summarise(samples, (SECONDS - WINDOW) * 1000, SECONDS * 1000);
    const readings = await cpu;
    const cpuBetween = (from: number, to: number) =>
      cpuPerRequest(
        readings[edges.indexOf(from)]!,
        readings[edges.indexOf(to)]!,
        samples,
        from,
        to,
      );
    const cpuFirst = cpuBetween(0, WINDOW);
    const cpuLast = cpuBetween(SECONDS - WINDOW, SECONDS);
    const errors = samples.filter((s) => s.status >= 500).length;
    const refused = samples.filter((s) => s.status >= 400 && s.status < 500).length;
    console.log(
      `\nsoak: ${USERS} users, ${SECONDS} s, ${samples.length} requests (${refused} answered 4xx, ${errors} 5xx)`,
    );
    console.log(`  ${history}`);
    for (const [name, w, from, c] of [
      ['first', first, 0, cpuFirst],
      ['last', last, SECONDS - WINDOW, cpuLast],
    ] as const) {
      console.log(`  ${name} ${WINDOW} s: ${w.rate.toFixed(1)} req/s, p99 ${w.p99.toFixed(0)} ms`);
      console.log(
        `    CPU per request: this process (server and users) ${c.self.toFixed(2)} ms, database ${c.database?.toFixed(2) ?? '(not known)'} ms`,
      );
      for (const k of w.kinds)
        console.log(
          `    ${k.kind.padEnd(11)} ${k.rate.toFixed(1).padStart(6)} req/s  p50 ${k.p50.toFixed(0).padStart(5)} ms  p99 ${k.p99.toFixed(0).padStart(5)} ms`,
        );
      if (PROFILE) printProfile(dbSamples, from * 1000, (from + WINDOW) * 1000);
    }
    // The whole run window by window: a cost that grows with the data keeps growing; one that
    // fills a bounded store (inbox heads, archives) levels off after the first minutes.
    const series = edges.slice(0, -1).filter((from) => from + WINDOW <= SECONDS);
    console.log(
      `  each ${WINDOW} s, req/s: ${series.map((from) => summarise(samples, from * 1000, (from + WINDOW) * 1000).rate.toFixed(0)).join(' ')}`,
    );
    console.log(
      `  each ${WINDOW} s, CPU ms per request (this process + database): ${series
        .map((from) => {
          const c = cpuBetween(from, from + WINDOW);
          return `${c.self.toFixed(1)}+${c.database?.toFixed(1) ?? '?'}`;
        })
        .join(' ')}`,
    );
    const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
    const growthMb = (diskAfter.totalBytes - diskBefore.totalBytes) / 2 ** 20;
    console.log(
      `  database disk: ${mb(diskBefore.totalBytes)} MB → ${mb(diskAfter.totalBytes)} MB (write-ahead log ${mb(diskBefore.walBytes)} → ${mb(diskAfter.walBytes)} MB${checkpoints(diskAfter)})`,
    );
    console.log(`  notification jobs still queued at the end: ${jobsLeft}`);
    if (PROFILE) await printCollections(connection);
    reportFigure('soak.last-vs-first', Number((last.rate / first.rate).toFixed(2)), '×');
    reportFigure('soak.last-p99-ms', Math.round(last.p99), 'ms');
    reportFigure(
      'soak.disk-growth-mb-per-min',
      Number((growthMb / (SECONDS / 60)).toFixed(1)),
      'MB',
    );
    // Per minute follows the rate served; per request says whether each one writes more.
    reportFigure(
      'soak.disk-growth-kb-per-request',
      Number(((growthMb * 1024) / Math.max(1, samples.length)).toFixed(2)),
      'KB',
    );
    // The work each request costs, whatever else the machine does: the req/s ratio above also
    // moves with how fast the machine was in the first minute (±20 % between runs of one build).
    if (cpuFirst.database !== undefined && cpuLast.database !== undefined)
      reportFigure(
        'soak.cpu-per-request-last-vs-first',
        Number(
          ((cpuLast.self + cpuLast.database) / (cpuFirst.self + cpuFirst.database)).toFixed(2),
        ),
        '×',
      );
    reportFigure('soak.server-errors', errors, 'answers');
    // Notices the worker had yet to send: a worker that falls behind makes every round slower.
    reportFigure('soak.notify-jobs-left', jobsLeft, 'jobs');
    await server.close();
  },
  { monitorCommands: PROFILE },
);
