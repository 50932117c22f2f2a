import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_TIME_ZONE } from '@scene/schema';
import type { mongo } from 'mongoose';
import { racedUpsert } from '../db/errors';
import type { ControlPlane } from '../control';
import type { CoverageDeps } from './coverage';
import { dashboardPeriod, type DashboardPeriod, type PeriodKind } from './period';
import { regionFromRollups, type RegionFigures } from './region';
import { readRollups } from './rollups/read';
import { claims, tryLease, type Lease } from './rollups/store';
import type { RollupWriter } from './rollups/writer';

/**
 * A node's dashboard figures per period, built after the nightly roll-up (`<node>|30d`,
 * `<node>|month|2026-10`): one read by `_id` instead of every community's days. `key` says what
 * it was built from (see `viewKey`); a document whose key is not the one a read computes now is
 * stale and is never answered.
 */
export const REGION_VIEWS = 'ops_region_views';
/**
 * Per region node, a random stamp that every write of a roll-up of a community under it
 * replaces (the nightly run, a day recomputed): a view built before the write names the old
 * stamp and so reads as stale. Random, not a counter: FerretDB v1 has no atomic `$inc`, and two
 * writers racing still leave a stamp no view was built from.
 */
export const REGION_STAMPS = 'ops_region_stamps';

interface RegionViewDoc {
  _id: string;
  key: string;
  /** JSON of `RegionFigures` (text: FerretDB v1 hands back one string far faster than objects). */
  body: string;
  builtAt: Date;
}

interface RegionStampDoc {
  _id: string;
  stamp: string;
  at: Date;
}

/** The periods built after each nightly roll-up: every fixed kind and the default month. */
const NIGHTLY: PeriodKind[] = ['7d', '30d', '90d', 'month'];
/** A builder's claim older than this belongs to a process that died mid-build. */
const CLAIM_STALE_MS = 5 * 60_000;
/**
 * How long a read waits for another builder before computing the figures itself (not stored):
 * right after a start the roll-up pass keeps replacing stamps while builders run, and a read
 * that waited for them waited 51 s for the demo province where computing took a few seconds.
 */
const WAIT_MS = 2_000;

const views = (db: mongo.Db) => db.collection<RegionViewDoc>(REGION_VIEWS);
const stamps = (db: mongo.Db) => db.collection<RegionStampDoc>(REGION_STAMPS);

export const viewId = (nodeId: string, p: DashboardPeriod) =>
  p.kind === 'month' ? `${nodeId}|month|${p.from.slice(0, 7)}` : `${nodeId}|${p.kind}`;

/**
 * What a view's figures depend on: the period's days and calendar, the node's communities, and
 * the node's roll-up stamp read before its roll-ups were. Names, published flags and weights are
 * not in it: they are joined at read time.
 */
function viewKey(p: DashboardPeriod, ids: string[], stamp: string): string {
  return createHash('sha256')
    .update(JSON.stringify([p.from, p.to, p.timeZone, stamp, ids]))
    .digest('base64url');
}

/** A node's days are its communities': the zone most of them keep (ties: the platform's). */
export function regionZone(list: { timeZone: string }[]): string {
  const counts = new Map<string, number>();
  for (const c of list) counts.set(c.timeZone, (counts.get(c.timeZone) ?? 0) + 1);
  let best = DEFAULT_TIME_ZONE;
  for (const [z, n] of counts) if (n > (counts.get(best) ?? 0)) best = z;
  return best;
}

/** Every node above a community whose roll-ups were just written: their views are stale now. */
export async function touchRegions(db: mongo.Db, path: string[], at: Date): Promise<void> {
  for (const _id of path) {
    const set = { $set: { stamp: randomBytes(9).toString('base64url'), at } };
    await racedUpsert(() => stamps(db).updateOne({ _id }, set, { upsert: true }));
  }
}

export interface RegionNode {
  id: string;
  /** The node's active communities, by id (the order the key is computed in). */
  list: { id: string; timeZone: string }[];
}

export type RegionViewDeps = CoverageDeps &
  Pick<ControlPlane, 'regions'> & { rollups: RollupWriter };

/**
 * Region dashboards' figures, stored per node and period. A read answers the stored figures when
 * they are fresh; else the one process whose claim (`view|<view id>`) inserts first builds them
 * from the communities' roll-ups and stores them, and the others wait for that and read it.
 */
export class RegionViews {
  readonly processId = randomBytes(6).toString('hex');

  constructor(
    private readonly services: RegionViewDeps,
    private readonly waitMs = WAIT_MS,
  ) {}

  private get db(): mongo.Db {
    return this.services.dataPlane.connection.db!;
  }

  private now(): Date {
    return this.services.dataPlane.now?.() ?? new Date();
  }

  private async stampOf(nodeId: string): Promise<string> {
    return (await stamps(this.db).findOne({ _id: nodeId }))?.stamp ?? '';
  }

  /** The node's figures for a period: stored ones when fresh, else built (once among processes). */
  async figures(node: RegionNode, period: DashboardPeriod): Promise<RegionFigures> {
    const id = viewId(node.id, period);
    const ids = node.list.map((c) => c.id);
    const giveUp = Date.now() + this.waitMs;
    for (;;) {
      const [stamp, doc] = await Promise.all([
        this.stampOf(node.id),
        views(this.db).findOne({ _id: id }),
      ]);
      if (doc && doc.key === viewKey(period, ids, stamp))
        return JSON.parse(doc.body) as RegionFigures;
      const built = await this.buildClaimed(node, period);
      if (built) return built.get(id)!;
      // Another process is building this node: its figures are the ones to answer, but a read
      // never waits forever for a builder that may be stuck (figures computed here, not stored).
      if (Date.now() > giveUp) return (await this.build([{ node, periods: [period] }])).get(id)!;
      await sleep(100 + Math.random() * 200);
    }
  }

  /**
   * After a nightly pass: every node's views of the periods a dashboard opens on (7, 30 and 90
   * days, the default month), for each node whose views are not all fresh and whose claim this
   * process wins. The roll-ups are read once for all of them. The number of nodes built.
   */
  async buildAll(): Promise<number> {
    const [regions, placed] = await Promise.all([
      this.services.models.Region.find({}, { _id: 1 }).lean(),
      this.services.regions.directory.all(),
    ]);
    // By id within each node, as `all()` answers: the order a view's key is computed in.
    const under = new Map<string, { id: string; timeZone: string }[]>();
    for (const { id, timeZone, path } of placed)
      for (const n of path) under.set(n, [...(under.get(n) ?? []), { id, timeZone }]);
    const stale: Work[] = [];
    for (const r of regions) {
      const list = under.get(r._id) ?? [];
      const zone = regionZone(list);
      const periods = NIGHTLY.map((k) => dashboardPeriod(k, undefined, this.now(), zone, true));
      const ids = list.map((c) => c.id);
      const stamp = await this.stampOf(r._id);
      const docs = await Promise.all(
        periods.map((p) =>
          views(this.db).findOne({ _id: viewId(r._id, p) }, { projection: { key: 1 } }),
        ),
      );
      if (!docs.every((d, i) => d?.key === viewKey(periods[i]!, ids, stamp)))
        stale.push({ node: { id: r._id, list }, periods });
    }
    if (!stale.length) return 0;
    // Each view is claimed only while it is stored, so a reader waits for that view alone, not
    // for the whole pass nor for another period of its node.
    const built = new Set<string>();
    await this.build(stale, async (id, store) => {
      const claim = await this.claim(id);
      if (!claim) return;
      try {
        await store();
        built.add(id.split('|')[0]!);
      } finally {
        await claims(this.db).deleteOne(claim);
      }
    });
    return built.size;
  }

  /** A view's builder claim, or null when another process holds it. */
  private claim(id: string): Promise<Lease | null> {
    return tryLease(this.db, `view|${id}`, this.processId, CLAIM_STALE_MS);
  }

  /** Builds and stores a view under its claim; null when another process holds it. */
  private async buildClaimed(
    node: RegionNode,
    period: DashboardPeriod,
  ): Promise<Map<string, RegionFigures> | null> {
    const claim = await this.claim(viewId(node.id, period));
    if (!claim) return null;
    try {
      return await this.build([{ node, periods: [period] }], (_, store) => store());
    } finally {
      await claims(this.db).deleteOne(claim);
    }
  }

  /**
   * The figures of each node and period from the communities' roll-ups, read once for all of
   * them. A community not rolled up yet (new since the last pass) is rolled up first, and the
   * roll-ups read again: each node's stamp is read before the roll-ups, so a write after it
   * shows as stale.
   */
  private async build(work: Work[], storeWith?: Guard): Promise<Map<string, RegionFigures>> {
    const periods = work.flatMap((w) => w.periods);
    const span = {
      from: periods.reduce((a, p) => (p.previous.from < a ? p.previous.from : a), periods[0]!.to),
      to: periods.reduce((a, p) => (p.to > a ? p.to : a), periods[0]!.from),
    };
    // The earliest: a day not in a state's recent window is then read from its month.
    const today = periods.reduce((a, p) => (p.today < a ? p.today : a), periods[0]!.today);
    const all = [...new Map(work.flatMap((w) => w.node.list).map((c) => [c.id, c])).values()];
    for (let attempt = 0; ; attempt++) {
      const stamped = await Promise.all(work.map((w) => this.stampOf(w.node.id)));
      const rolled = await readRollups(this.db, all, span, today);
      const missing = all.filter((_, i) => !rolled[i]!.state);
      if (missing.length && attempt === 0) {
        for (const c of missing) await this.services.rollups.run(c.id, c.timeZone);
        continue;
      }
      const byId = new Map(rolled.map((c) => [c.id, c] as const));
      const out = new Map<string, RegionFigures>();
      for (const [i, { node, periods }] of work.entries()) {
        const members = node.list.map((c) => byId.get(c.id)!);
        const ids = node.list.map((c) => c.id);
        const figures = periods.map((p) => regionFromRollups(p, members));
        for (const [j, p] of periods.entries()) {
          const _id = viewId(node.id, p);
          out.set(_id, figures[j]!);
          await storeWith?.(_id, async () => {
            await views(this.db).replaceOne(
              { _id },
              {
                key: viewKey(p, ids, stamped[i]!),
                body: JSON.stringify(figures[j]),
                builtAt: this.now(),
              },
              { upsert: true },
            );
          });
        }
      }
      return out;
    }
  }
}

type Work = { node: RegionNode; periods: DashboardPeriod[] };
/** Stores a node's figures (calls `store`) when it may, e.g. under the node's claim. */
type Guard = (viewId: string, store: () => Promise<void>) => Promise<void>;
