import { standardPluginEntries } from '@scene/plugins';
import { DEFAULT_TIME_ZONE, localDate, type PluginManifest } from '@scene/schema';
import type { Services } from '../services';
import { isDuplicateKey } from '../db/claims';
import { startNumbering } from '../data/actions/numbering';
import { noteChange } from '../data/records/changes';
import { collectionDef, loadContext, recordsOf } from '../data/records/context';
import { fieldsWithHint } from '../data/records/schema-walk';
import type { StoredRecord } from '../data/records/types';
import { newRecord, validateRecord } from '../data/records/write';
import { seededRandom } from './random';

/**
 * Demo activity so the dashboards are not empty on the first start: for each live demo community,
 * the records behind every declared metric of its installed standard plugins since its portal
 * opened, at most a year back: a year of monthly reports and rankings to compare. Each record is a copy of one of the plugin's own example records (its fixtures)
 * moved in time, built with `newRecord` and checked with `validateRecord` as an action's record
 * is, then inserted in bulk — the services would take minutes for thousands of records. Only
 * past days are written, so no capacity place or pick-up code of today or later is touched, and
 * only examples in a terminal workflow state, so no queue fills with open work.
 * Once per community: a claim by unique insert, so a second start (or a second process) adds
 * nothing.
 */
export interface ActivitySummary {
  communityId: string;
  records: number;
  /** Copies refused by their collection's schema (none expected; counted, never written). */
  refused: number;
}

const DAY_MS = 86_400_000;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Records per day a collection gets on average. Content everyone reads (proposals) stays rare so
 * the residents' lists stay readable; reads of notices are many.
 */
const PER_DAY: Record<string, number> = {
  'std.proposals/proposals': 0.15,
  'std.notice-board/reads': 5,
  'std.elderly-checkin/checkins': 4,
  'std.elderly-checkin/alerts': 0.6,
  // Out-of-range readings are a few of the measurements: enough of them to show a figure.
  'std.health-station/measurements': 10,
};
const DEFAULT_PER_DAY = 3;

/**
 * A year at the rates above would be ~35,000 records, and every resident's list scans all
 * communities' records of its collection on the local database: a thin year of the busy
 * collections (about 8,000 records in all) keeps that cost near nine weeks' at full rate while
 * every month and metric still has figures.
 */
const THIN = 0.2;
/** The furthest back activity goes: twelve months of reports before the current one. */
export const ACTIVITY_DAYS = 365;
/**
 * Use by month of the year (Shanghai): quiet around the Spring Festival (Jan/Feb) and the summer
 * holidays, busier in spring and autumn; repairs peak in the plum rains and typhoon months.
 */
const SEASON = [0.85, 0.6, 1, 1.05, 1.05, 1.1, 0.9, 0.85, 1.05, 0.95, 1.05, 1];
const REPAIR_SEASON = [0.9, 0.7, 1, 1, 1.1, 1.5, 1.4, 1.3, 1.2, 0.9, 0.9, 1];

export async function seedActivity(
  services: Services,
  communities: { id: string; level: number; sinceDays: number }[],
  now: Date,
): Promise<ActivitySummary[]> {
  const db = services.dataPlane.connection.db;
  if (!db) throw new Error('database not connected');
  const out: ActivitySummary[] = [];
  for (const { id: communityId, level, sinceDays } of communities) {
    try {
      await db.collection('demo_seeds').insertOne({ _id: `activity:${communityId}` as never });
    } catch (err) {
      if (isDuplicateKey(err)) continue;
      throw err;
    }
    const days = Math.min(sinceDays, ACTIVITY_DAYS);
    out.push(await oneCommunity(services, communityId, level, now, days));
  }
  return out;
}

async function oneCommunity(
  services: Services,
  communityId: string,
  level: number,
  now: Date,
  days: number,
): Promise<ActivitySummary> {
  const summary: ActivitySummary = { communityId, records: 0, refused: 0 };
  const random = seededRandom(hash(communityId));
  for (const { manifest, fixtures } of standardPluginEntries) {
    const collections = new Set(
      (manifest.metrics ?? []).map((m) => manifest.queries[m.query]!.collection),
    );
    if (!collections.size) continue;
    const installed = await services.dataPlane.installed.get(communityId, manifest.id);
    if (!installed || installed.status !== 'enabled') continue;
    // Each community its own taste: one uses the canteen more, another the repairs, so the
    // per-scene leaders (单项冠军) differ from the overall ranking.
    const taste = 0.6 + 0.8 * random();
    const examples = (fixtures as { records?: Record<string, Record<string, unknown>[]> }).records;
    for (const collection of collections) {
      const ctx = await loadContext(services.dataPlane, communityId, manifest.id, null, 'read');
      const def = collectionDef(ctx, collection);
      // Past activity is finished business: only examples in a terminal state are copied, so no
      // staff queue or resident list fills with weeks-old open work.
      const flow = def.workflow;
      const terminal = new Set(flow?.states.filter((st) => st.terminal).map((st) => st.id));
      const templates = (examples?.[collection] ?? []).filter(
        (r) => typeof r.createdAt === 'string' && (!flow || terminal.has(r[flow.field] as string)),
      );
      if (!templates.length) continue;
      const fromConfig = configFields(manifest, collection);
      const uploads = fieldsWithHint(def.schema, 'x-ref')
        .filter((f) => f.value === 'upload')
        .map((f) => f.path[0]!);
      const rate = PER_DAY[`${manifest.id}/${collection}`] ?? DEFAULT_PER_DAY;
      // Only busy collections are thinned: a rare one thinned would fall under the dashboards'
      // minimum group size and show no figure.
      const perDay = (rate >= 1 ? rate * THIN : rate) * level * taste;
      const season = manifest.id === 'std.property-repair' ? REPAIR_SEASON : SEASON;
      const unique = (def.indexes ?? []).filter((i) => i.unique).map((i) => Object.keys(i.fields));
      const taken = new Set<string>();
      const docs: StoredRecord[] = [];
      for (let back = days; back >= 1; back--) {
        const day = new Date(now.getTime() - back * DAY_MS);
        // Busier on weekdays, with the seasons, and growing as residents take the portal up
        // after it opened: charts with a shape.
        const weekday = day.getUTCDay() % 6 === 0 ? 0.6 : 1.1;
        const month = Number(localDate(day, DEFAULT_TIME_ZONE).slice(5, 7)) - 1;
        const growth = 0.3 + (0.7 * (days - back)) / days;
        const n = poisson(perDay * weekday * season[month]! * growth, random);
        for (let i = 0; i < n; i++) {
          const template = templates[Math.floor(random() * templates.length)]!;
          const at = new Date(day.getTime() + Math.floor(random() * 10 * 3_600_000));
          const doc = copyAt(ctx, collection, template, at, uploads, random);
          if (!doc || Date.parse(latest(doc, fromConfig)) > now.getTime() - 3_600_000) continue;
          if (!byNewPerson(doc, unique, taken, random)) continue;
          try {
            validateRecord(ctx, collection, doc);
          } catch {
            summary.refused++;
            continue;
          }
          docs.push(doc);
        }
      }
      if (!docs.length) continue;
      await startNumbering(ctx, collection);
      await recordsOf(ctx, collection).insertMany(docs, { ordered: false });
      // Lists cached by a running server reload (records/changes.ts).
      await noteChange(ctx.db, { communityId, pluginId: ctx.plugin.pluginId, collection }, 'all');
      summary.records += docs.length;
    }
  }
  return summary;
}

/** Residents the generated records are spread over (ids of nobody: no one's own lists grow). */
const PEOPLE = 240;

/**
 * Gives the copy an author from the demo's crowd such that no unique index of the collection
 * (one vote per person and proposal, one check-in per enrolment and day) is broken; an index
 * without the author is kept apart by the person's tag on its other text fields. False when no
 * free combination turned up in a few tries (the copy is dropped).
 */
function byNewPerson(
  doc: Record<string, unknown>,
  unique: string[][],
  taken: Set<string>,
  random: () => number,
): boolean {
  const original = { ...doc };
  for (let attempt = 0; attempt < 8; attempt++) {
    const person = Math.floor(random() * PEOPLE);
    doc.createdBy = `demo-resident-${person}`;
    for (const fields of unique)
      if (!fields.includes('createdBy'))
        for (const f of fields)
          if (typeof original[f] === 'string' && !ISO_DAY.test(original[f]))
            doc[f] = `${original[f]}-${person}`;
    const keys = unique.map((fields) => JSON.stringify(fields.map((f) => doc[f] ?? null)));
    if (keys.some((k) => taken.has(k))) continue;
    keys.forEach((k) => taken.add(k));
    return true;
  }
  return false;
}

/**
 * The template moved so that it was created at `at`: every date and instant in it moves by the
 * same amount (a booking for the day after its creation stays the day after), a fresh id and
 * fresh codes, no uploads (the example's photo ids exist nowhere).
 */
function copyAt(
  ctx: Parameters<typeof newRecord>[0],
  collection: string,
  template: Record<string, unknown>,
  at: Date,
  uploads: string[],
  random: () => number,
): StoredRecord | null {
  const created = Date.parse(template.createdAt as string);
  if (!Number.isFinite(created)) return null;
  const shift = at.getTime() - created;
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(template)) {
    if (k.startsWith('_') || uploads.includes(k)) continue;
    fields[k] = moved(v, shift);
  }
  for (const k of ['code', 'ticketNo'])
    if (typeof fields[k] === 'string' && /^\d+$/.test(fields[k]))
      fields[k] = String(Math.floor(random() * 10 ** fields[k].length)).padStart(
        fields[k].length,
        '0',
      );
  const doc = newRecord({ ...ctx, now: at }, collection, {});
  // The example's own fields, state and author win over the new record's defaults.
  return { ...doc, ...fields, _id: doc._id, communityId: doc.communityId } as StoredRecord;
}

function moved(v: unknown, shift: number): unknown {
  if (typeof v === 'string') {
    if (ISO_INSTANT.test(v)) return new Date(Date.parse(v) + shift).toISOString();
    if (ISO_DAY.test(v)) {
      const days = Math.round(shift / DAY_MS);
      return new Date(Date.parse(`${v}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
    }
    return v;
  }
  if (Array.isArray(v)) return v.map((x) => moved(x, shift));
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, moved(x, shift)]));
  return v;
}

/**
 * The latest date or instant in a record, so nothing generated lies in the future. Fields an
 * action copies from the installation's configuration (`set: {"var": "config.…"}`, e.g. a
 * survey's closing day) are the operator's dates, not events, and may lie ahead.
 */
function latest(doc: Record<string, unknown>, fromConfig: Set<string>): string {
  let max = '';
  const walk = (v: unknown): void => {
    if (typeof v === 'string' && (ISO_INSTANT.test(v) || ISO_DAY.test(v))) {
      const iso = ISO_DAY.test(v) ? `${v}T00:00:00.000Z` : v;
      if (iso > max) max = iso;
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  for (const [k, v] of Object.entries(doc)) if (!fromConfig.has(k)) walk(v);
  return max || new Date(0).toISOString();
}

/** Fields of `collection` that some action fills from the installation's configuration. */
function configFields(manifest: PluginManifest, collection: string): Set<string> {
  const out = new Set<string>();
  for (const action of Object.values(manifest.actions ?? {})) {
    if (action.collection !== collection || !('set' in action)) continue;
    for (const [field, value] of Object.entries(action.set ?? {}))
      if (
        value !== null &&
        typeof value === 'object' &&
        'var' in value &&
        typeof value.var === 'string' &&
        value.var.startsWith('config.')
      )
        out.add(field);
  }
  return out;
}

function poisson(mean: number, random: () => number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = random(); p > limit; p *= random()) k++;
  return k;
}

function hash(s: string): number {
  let h = 2166136261;
  for (const c of s) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return h >>> 0;
}
