import { randomBytes } from 'node:crypto';
import {
  durationMs,
  MAX_CATCH_UP,
  parseDuration,
  resolveOffset,
  SCHEDULE_DEFAULTS,
} from '@scene/schema';
import type { ScheduledInstallation } from '../../control';
import type { DataPlaneDeps } from '../records/types';
import { atOccurrences, timeOfDay } from './occurrences';
import { afterWindow, atSlice, systemContext, type ScheduleJob, type Tally } from './run';
import { OpenScans } from './scans';
import { insertRun, runs, states, type RunDoc } from './store';
import { racedUpsert } from '../../db/errors';

/** Where the runner learns which installations have schedules switched on (the control plane). */
export interface ScheduleTargets {
  targets(): Promise<ScheduledInstallation[]>;
}

export interface RunnerOptions {
  /** Pause between ticks when nothing is left to do (30 s). */
  tickMs?: number;
  /** Records one occurrence works through per tick, so one big run never starves the rest. */
  sliceRecords?: number;
  /** A running occurrence whose process showed no sign of life for this long is taken over. */
  leaseMs?: number;
  /** How long the list of scheduled installations is trusted (this process drops it on changes). */
  targetsTtlMs?: number;
  onError?: (err: unknown, where: string) => void;
}

const LOOKBACK_MS = durationMs(parseDuration(MAX_CATCH_UP)!);
const SAVE_EVERY_MS = 5 * 60_000;
const catchUpMs = (s: ScheduleJob) =>
  durationMs(parseDuration(s.def.catchUp ?? SCHEDULE_DEFAULTS.catchUp)!);
const zero = (): Tally & { late: number } => ({
  matched: 0,
  acted: 0,
  skipped: 0,
  failed: 0,
  late: 0,
});

/**
 * Runs plugins' schedules in this process: one timer, driven by a cached list of the
 * installations that have schedules switched on (never a scan of all communities), bounded work
 * per tick. Several processes may run it against one database: an occurrence is started by the
 * process whose run document insert wins, every record is claimed before it is acted on, and a
 * run whose process died is taken over after `leaseMs` (its claims keep finished records from
 * being done twice).
 */
export class ScheduleRunner {
  readonly processId = randomBytes(6).toString('hex');
  private readonly tickMs: number;
  private readonly sliceRecords: number;
  private readonly leaseMs: number;
  private readonly targetsTtlMs: number;
  private cache: { at: number; targets: ScheduledInstallation[] } | null = null;
  /** Runs this process knows are over: no need to look them up again. */
  private readonly finished = new Set<string>();
  /** After-schedules: checked up to here (also kept in the database across restarts). */
  private readonly checked = new Map<string, Date>();
  /** When each after-schedule's progress was last written (at most every few minutes). */
  private readonly saved = new Map<string, number>();
  /** The reads of the occurrences this process is working through, left open between slices. */
  private readonly scans = new OpenScans();
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<unknown> | null = null;
  private stopped = true;

  constructor(
    private readonly deps: DataPlaneDeps,
    private readonly source: ScheduleTargets,
    private readonly options: RunnerOptions = {},
  ) {
    this.tickMs = options.tickMs ?? 30_000;
    this.sliceRecords = options.sliceRecords ?? 2_000;
    this.leaseMs = options.leaseMs ?? 120_000;
    this.targetsTtlMs = options.targetsTtlMs ?? 60_000;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(1_000);
  }

  /** Stops the timer and waits for a tick in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.ticking;
    this.scans.closeAll();
  }

  /** Forget the installations list (an installation, a switch or a time zone changed). */
  invalidate(): void {
    this.cache = null;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.ticking = this.tick()
        .catch((err: unknown) => {
          this.options.onError?.(err, 'tick');
          return false;
        })
        .then((more) => this.schedule(more ? 10 : this.tickMs));
    }, ms);
    this.timer.unref();
  }

  private async targets(): Promise<ScheduledInstallation[]> {
    if (this.cache && Date.now() - this.cache.at < this.targetsTtlMs) return this.cache.targets;
    this.cache = { at: Date.now(), targets: await this.source.targets() };
    return this.cache.targets;
  }

  /** One pass over every schedule switched on; true when work is left for the next pass. */
  async tick(): Promise<boolean> {
    let more = false;
    for (const target of await this.targets())
      for (const { id, def, since } of target.schedules) {
        const job: ScheduleJob = { target, id, def };
        try {
          if (def.at) more = (await this.tickAt(job, since)) || more;
          else if (def.after) await this.tickAfter(job, since);
        } catch (err) {
          this.options.onError?.(err, `${target.communityId}/${target.pluginId}/${id}`);
        }
      }
    this.scans.endTick();
    return more;
  }

  /** Runs until nothing is left (tests and the benchmark drive the runner this way). */
  async drain(maxTicks = 1_000): Promise<void> {
    for (let i = 0; i < maxTicks; i++) if (!(await this.tick())) return;
  }

  private async tickAt(job: ScheduleJob, since: Date): Promise<boolean> {
    const { target, def } = job;
    const time = timeOfDay(def.at!.time, target.config);
    if (!time) return false; // the operator has not set the time yet
    const now = this.now();
    const from = new Date(Math.max(since.getTime() - 1, now.getTime() - LOOKBACK_MS));
    const lateBefore = now.getTime() - catchUpMs(job);
    let more = false;
    for (const occ of atOccurrences(def.at!, time, from, now, target.timeZone)) {
      const id = `${target.communityId}|${target.pluginId}|${job.id}|${occ.key}`;
      if (this.finished.has(id)) continue;
      const late = occ.at.getTime() < lateBefore;
      const fresh: RunDoc = {
        _id: id,
        communityId: target.communityId,
        pluginId: target.pluginId,
        schedule: job.id,
        kind: 'at',
        occurrence: occ.at,
        status: late ? 'late' : 'running',
        ...zero(),
        cursor: null,
        by: this.processId,
        heartbeatAt: now,
        startedAt: now,
        ...(late ? { finishedAt: now } : {}),
      };
      let run: RunDoc | null = (await insertRun(this.deps.connection.db!, fresh)) ? fresh : null;
      if (!run) run = await this.adopt(id, now);
      if (!run) continue;
      if (run.status !== 'running') {
        this.finished.add(id);
        continue;
      }
      more = (await this.slice(job, run, occ.at)) || more;
    }
    return more;
  }

  /**
   * An existing run: finished ones are remembered; a running one is continued by its own
   * process, or taken over when its process has been silent for `leaseMs`; otherwise left alone.
   */
  private async adopt(id: string, now: Date): Promise<RunDoc | null> {
    const col = runs(this.deps.connection.db!);
    const run = await col.findOne({ _id: id });
    if (!run || run.status !== 'running') return run;
    if (run.by === this.processId) return run;
    if (now.getTime() - run.heartbeatAt.getTime() < this.leaseMs) return null;
    const taken = await col.updateOne(
      { _id: id, by: run.by, heartbeatAt: run.heartbeatAt },
      { $set: { by: this.processId, heartbeatAt: now } },
    );
    return taken.matchedCount ? { ...run, by: this.processId, heartbeatAt: now } : null;
  }

  /** Works one slice of a running occurrence; true when records are left for another slice. */
  private async slice(job: ScheduleJob, run: RunDoc, occurrence: Date): Promise<boolean> {
    const now = this.now();
    const ctx = systemContext(this.deps, job, now, occurrence);
    const tally = zero();
    const cursor = await atSlice(ctx, job, run, this.sliceRecords, tally, this.scans);
    const done = cursor === null;
    await runs(ctx.db).updateOne(
      { _id: run._id },
      {
        $set: {
          cursor,
          heartbeatAt: now,
          ...(done ? { status: 'done' as const, finishedAt: now } : {}),
        },
        $inc: {
          matched: tally.matched,
          acted: tally.acted,
          skipped: tally.skipped,
          failed: tally.failed,
        },
      },
    );
    if (done) this.finished.add(run._id);
    else run.cursor = cursor;
    return !done;
  }

  private async tickAfter(job: ScheduleJob, since: Date): Promise<void> {
    const { target, def } = job;
    const time = timeOfDay(def.after!.time, target.config);
    const offset = resolveOffset(def.after!.offset, target.config);
    // Unset in config: nothing is due until the operator sets it.
    if (!time || !offset) return;
    const key = `${target.communityId}|${target.pluginId}|${job.id}`;
    const db = this.deps.connection.db!;
    const now = this.now();
    let from = this.checked.get(key);
    if (!from) {
      const state = await states(db).findOne({ _id: key });
      from = new Date(
        Math.max(state?.checkedUntil.getTime() ?? since.getTime(), now.getTime() - LOOKBACK_MS),
      );
    }
    if (now <= from) return;
    const ctx = systemContext(this.deps, job, now, now);
    const tally = zero();
    const after = { ...def.after!, offset };
    await afterWindow(
      ctx,
      job,
      after,
      from,
      now,
      new Date(now.getTime() - catchUpMs(job)),
      time,
      tally,
    );
    if (tally.matched || tally.late)
      await runs(db).insertOne({
        _id: `${key}|${now.toISOString()}|${this.processId}`,
        communityId: target.communityId,
        pluginId: target.pluginId,
        schedule: job.id,
        kind: 'after',
        occurrence: now,
        status: 'done',
        ...tally,
        cursor: null,
        by: this.processId,
        heartbeatAt: now,
        startedAt: now,
        finishedAt: this.now(),
      });
    this.checked.set(key, now);
    // Written when something happened, else every few minutes: after a restart at most that
    // much is checked again, and the claims keep it from being done twice.
    if (
      tally.matched ||
      tally.late ||
      now.getTime() - (this.saved.get(key) ?? 0) >= SAVE_EVERY_MS
    ) {
      this.saved.set(key, now.getTime());
      await racedUpsert(() =>
        states(db).updateOne({ _id: key }, { $set: { checkedUntil: now } }, { upsert: true }),
      );
    }
  }
}
