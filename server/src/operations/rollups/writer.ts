import { randomBytes } from 'node:crypto';
import { DEFAULT_TIME_ZONE, localDate } from '@scene/schema';
import { setTimeout as sleep } from 'node:timers/promises';
import { isDuplicateKey } from '../../db/claims';
import { HttpError } from '../../http/errors';
import { communityCoverage, type CoverageDeps } from '../coverage';
import { addDays } from '../period';
import { computeDays } from './compute';
import { touchRegions } from '../region-views';
import {
  claims,
  encodeDay,
  months,
  RECENT_DAYS,
  ROLLUP_FORMAT,
  states,
  tryLease,
  type Lease,
  type RollupMonth,
  type RollupState,
} from './store';

/**
 * A community's roll-ups have one writer at a time (see `write`). A lease older than this
 * belongs to a process that died mid-write: the next writer takes it over.
 */
const LEASE_STALE_MS = 5 * 60_000;
/** How long a writer waits for another's lease before it gives up (a request answers 409). */
const LEASE_WAIT_MS = 2 * 60_000;

/** A community seen for the first time is rolled up this far back (a year and a month). */
export const ROLLUP_LOOKBACK_DAYS = 400;

export interface RollupReport {
  /** Communities this call rolled up (it won their claim for the day). */
  communities: number;
  /** Community-days written. */
  days: number;
  /** Communities whose pass failed (reported to `onError`; the next pass tries them again). */
  failed: number;
}

/**
 * Daily roll-ups: each community's declared metrics per local day, written once a day after the
 * day ends in the community's zone. Several processes may run it against one database: the one
 * whose claim `<communityId>|<yesterday>` inserts first rolls that community up (every day
 * since its last roll-up, so a missed day is caught up the next), the others leave it alone.
 * Every write of a community's roll-ups (this run, a report's re-freeze) holds the community's
 * lease, so its documents never see two writers at once (FerretDB v1 updates without isolation).
 */
export class RollupWriter {
  readonly processId = randomBytes(6).toString('hex');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  /**
   * Runs after a pass that rolled some community up (and after the first pass): the region
   * views' nightly build, set by the services (it needs more than the writer does).
   */
  afterPass: (() => Promise<unknown>) | null = null;

  constructor(
    private readonly services: CoverageDeps,
    private readonly tickMs = 10 * 60_000,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  private now(): Date {
    return this.services.dataPlane.now?.() ?? new Date();
  }

  /** A pass at once (roll-ups exist soon after start), then one every `tickMs`. */
  start(): void {
    if (this.timer) return;
    let first = true;
    const tick = () => {
      this.running = this.runAll()
        .then((r) => {
          const after = r.communities > 0 || first ? this.afterPass?.() : undefined;
          first = false;
          return after;
        })
        .catch(this.onError)
        .finally(() => {
          this.timer = setTimeout(tick, this.tickMs);
          this.timer.unref();
        });
    };
    this.timer = setTimeout(tick, 0);
    this.timer.unref();
  }

  /** Settles when the pass under way (if any) has ended. */
  async idle(): Promise<void> {
    await this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Every active community whose day has ended since its last roll-up. */
  async runAll(): Promise<RollupReport> {
    const docs = await this.services.models.Community.find(
      { status: 'active' },
      { timeZone: 1 },
    ).lean();
    const report: RollupReport = { communities: 0, days: 0, failed: 0 };
    for (const c of docs) {
      let days: number | undefined;
      try {
        days = await this.run(c._id, c.timeZone ?? DEFAULT_TIME_ZONE);
      } catch (err) {
        // One community's failure (its claim given back) leaves the others to this pass.
        report.failed++;
        this.onError(err);
        continue;
      }
      if (days !== undefined) {
        report.communities++;
        report.days += days;
      }
    }
    return report;
  }

  /**
   * Rolls one community up to yesterday when this process wins the day's claim; the number of
   * days written, or undefined when another process holds the claim (or nothing is due).
   */
  async run(communityId: string, timeZone: string): Promise<number | undefined> {
    const db = this.services.dataPlane.connection.db!;
    const today = localDate(this.now(), timeZone);
    const found = await states(db).findOne({ _id: communityId });
    const state = found?.format === ROLLUP_FORMAT ? found : null;
    if (state && state.through >= addDays(today, -1)) return undefined;
    const claim = { _id: `${communityId}|${addDays(today, -1)}`, by: this.processId };
    try {
      await claims(db).insertOne({ ...claim, at: this.now() });
    } catch (err) {
      if (isDuplicateKey(err)) return undefined;
      throw err;
    }
    const from = state ? addDays(state.through, 1) : addDays(today, -ROLLUP_LOOKBACK_DAYS);
    try {
      return await this.write(communityId, timeZone, from, today);
    } catch (err) {
      // A claim outliving a failed pass (a timeout under load) would keep every process off
      // this community until tomorrow, and a region's report waiting for it pending all day:
      // given back, the next pass or the next report's freeze rolls it up. Only our own claim.
      await claims(db)
        .deleteOne(claim)
        .catch(() => {});
      throw err;
    }
  }

  /**
   * Computes `[from, to)` again and replaces those days: the daily run, and a report's re-freeze
   * after a late correction. Both read the community's state, merge their days into it and write
   * it back, and FerretDB v1 updates a document without isolation, so two writers at once (the
   * run on the 1st and a re-freeze of last month, or a region's re-freeze and a community's)
   * would each lose the other's days. A lease per community makes them take turns.
   */
  async write(communityId: string, timeZone: string, from: string, to: string): Promise<number> {
    const lease = await this.lease(communityId);
    try {
      return await this.writeHeld(communityId, timeZone, from, to);
    } finally {
      await claims(this.services.dataPlane.connection.db!).deleteOne(lease);
    }
  }

  /** Waits for the community's write lease (`write|<communityId>` in the claims) and takes it. */
  private async lease(communityId: string): Promise<Lease> {
    const db = this.services.dataPlane.connection.db!;
    const giveUp = Date.now() + LEASE_WAIT_MS;
    for (;;) {
      const mine = await tryLease(db, `write|${communityId}`, this.processId, LEASE_STALE_MS);
      if (mine) return mine;
      if (Date.now() > giveUp)
        throw new HttpError(
          409,
          'rollups_pending',
          'The communities are still being rolled up; try again in a few minutes.',
        );
      await sleep(50 + Math.random() * 150);
    }
  }

  private async writeHeld(
    communityId: string,
    timeZone: string,
    from: string,
    to: string,
  ): Promise<number> {
    const db = this.services.dataPlane.connection.db!;
    const { heads, days } = await computeDays(this.services.dataPlane, communityId, from, to);
    const byMonth = new Map<string, Record<string, unknown>>();
    let written = 0;
    for (let d = from; d < to; d = addDays(d, 1)) {
      const set = byMonth.get(d.slice(0, 7)) ?? {};
      set[`days.${d.slice(8)}`] = encodeDay(days.get(d) ?? []);
      byMonth.set(d.slice(0, 7), set);
      written++;
    }
    for (const [month, set] of byMonth)
      await months(db).updateOne(
        { _id: `${communityId}|${month}` },
        {
          $set: set as Partial<RollupMonth>,
          $setOnInsert: { communityId, month },
        },
        { upsert: true },
      );
    const coverage = await communityCoverage(this.services, communityId, this.now());
    const stored = await states(db).findOne({ _id: communityId });
    const before = stored?.format === ROLLUP_FORMAT ? stored : null;
    const last = addDays(to, -1);
    const recent: Record<string, string> = before
      ? (JSON.parse(before.recent) as Record<string, string>)
      : {};
    for (let d = from; d < to; d = addDays(d, 1)) recent[d] = encodeDay(days.get(d) ?? []);
    const keep = addDays(localDate(this.now(), timeZone), -RECENT_DAYS);
    for (const d of Object.keys(recent)) if (d < keep) delete recent[d];
    const next: Omit<RollupState, '_id'> = {
      format: ROLLUP_FORMAT,
      // A day corrected later leaves how far the community is rolled up where it was.
      through: before && before.through > last ? before.through : last,
      timeZone,
      heads: JSON.stringify(heads),
      recent: JSON.stringify(recent),
      score: coverage.score,
      rolledAt: this.now(),
    };
    await states(db).updateOne({ _id: communityId }, { $set: next }, { upsert: true });
    // After the state: a region view built from the state before this write must read as stale.
    const placed = await this.services.models.RegionPlacement.findById(communityId, {
      path: 1,
    }).lean();
    await touchRegions(db, placed?.path ?? [], this.now());
    return written;
  }
}
