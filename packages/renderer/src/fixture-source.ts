import {
  AggregateReducer,
  configFields,
  DEFAULT_TIME_ZONE,
  fieldValue,
  tallyAnswers,
  type FieldsResults,
  ZoneClock,
  type AggregateAnswer,
  type LocalizedText,
  type PluginManifest,
  type QueryDef,
} from '@scene/schema';
import { reactive } from 'vue';
import type {
  ActionRequest,
  AggregateRequest,
  Assignee,
  CapacityEntry,
  ActionResult,
  DataSource,
  GroupCount,
  InboxMessage,
  LedgerEntry,
  Locale,
  NavigateTarget,
  RecordDoc,
  RuntimeUser,
} from './data-source';

/** Example data keyed by `<pluginId>/<queryName>`. */
export interface FixtureData {
  lists?: Record<string, RecordDoc[]>;
  counts?: Record<string, number>;
  groups?: Record<string, GroupCount[]>;
  capacities?: Record<string, CapacityEntry[]>;
  aggregates?: Record<string, AggregateAnswer>;
  /** Results per question, keyed by `<pluginId>/<action>` (a `fieldsFrom` action). */
  results?: Record<string, FieldsResults>;
  points?: number;
  ledger?: LedgerEntry[];
  inbox?: InboxMessage[];
  /** Role → who holds it, for assignee pickers. */
  assignees?: Record<string, Assignee[]>;
  /** The signed-in person's pause of an action, keyed by `<pluginId>/<action>`. */
  pause?: Record<string, { until: string; message: LocalizedText }>;
  /** Who a guard pauses, keyed by `<pluginId>/<guard id>`; lifting one removes them. */
  paused?: Record<string, { accountId: string; displayName: string; until: string }[]>;
}

export interface FixtureSourceOptions extends FixtureData {
  locale?: Locale;
  user?: RuntimeUser | null;
  /** Called for every action; throw to simulate a refusal. */
  onRun?: (req: ActionRequest) => ActionResult | Promise<ActionResult>;
  /** Answers aggregate queries (instead of `aggregates`), e.g. to see what was asked. */
  onAggregate?: (req: AggregateRequest) => AggregateAnswer;
  pageSize?: number;
}

export type FixtureSource = DataSource & {
  locale: Locale;
  user: RuntimeUser | null;
  runs: ActionRequest[];
  /** Unmask requests, recorded; the fixture's record comes back as it is. */
  unmasks: { plugin: string; collection: string; id: string; reason: string }[];
  /** Pauses lifted, with their notes. */
  lifts: { plugin: string; guard: string; accountId: string; note: string }[];
  navigations: NavigateTarget[];
  blockErrors: { type: string; message: string }[];
};

function matches(item: RecordDoc, filter: Record<string, unknown> | undefined): boolean {
  return Object.entries(filter ?? {}).every(([k, v]) => item[k] === v);
}

function page<T>(all: T[], cursor: string | undefined, size: number) {
  const start = Number(cursor ?? 0) || 0;
  const items = all.slice(start, start + size);
  return { items, nextCursor: start + size < all.length ? String(start + size) : null };
}

/**
 * A data source over example data, for the studio preview and component tests: queries read
 * the fixtures, actions are recorded (and answered by `onRun`), navigation is recorded.
 */
export function createFixtureSource(options: FixtureSourceOptions = {}): FixtureSource {
  const lists = options.lists ?? {};
  const size = options.pageSize ?? 20;
  const source: FixtureSource = reactive({
    locale: options.locale ?? 'zh-CN',
    user:
      options.user === undefined
        ? { id: 'u-resident', displayName: '张阿姨', roles: ['resident'] }
        : options.user,
    runs: [],
    unmasks: [],
    lifts: [],
    navigations: [],
    blockErrors: [],
    async list(req) {
      const all = (lists[`${req.plugin}/${req.query}`] ?? []).filter((i) => matches(i, req.filter));
      return page(all, req.cursor, req.limit ?? size);
    },
    async get(req) {
      return (lists[`${req.plugin}/${req.query}`] ?? []).find((i) => i._id === req.id) ?? null;
    },
    async count(req) {
      const key = `${req.plugin}/${req.query}`;
      return (
        options.counts?.[key] ?? (lists[key] ?? []).filter((i) => matches(i, req.filter)).length
      );
    },
    async group(req) {
      return options.groups?.[`${req.plugin}/${req.query}`] ?? [];
    },
    async aggregate(req) {
      if (options.onAggregate) return options.onAggregate(req);
      // Without example figures a query shows what a new community shows: nothing yet.
      const now = new Date().toISOString();
      return (
        options.aggregates?.[`${req.plugin}/${req.query}`] ?? {
          kind: 'aggregate',
          from: now,
          to: now,
          total: { count: 0, values: {} },
          rows: [],
        }
      );
    },
    async results(req) {
      return (
        options.results?.[`${req.plugin}/${req.action}`] ?? {
          total: 0,
          minGroupSize: 5,
          suppressed: true,
          questions: [],
        }
      );
    },
    async capacity(req) {
      const all = options.capacities?.[`${req.plugin}/${req.query}`] ?? [];
      return all.filter((c) =>
        Object.entries(req.filter ?? {}).every(
          ([k, v]) => c.key[k] === undefined || c.key[k] === v,
        ),
      );
    },
    async unmask(req) {
      const found = Object.values(lists)
        .flat()
        .find((i) => i._id === req.id);
      if (!found) throw Object.assign(new Error('not found'), { status: 404 });
      source.unmasks.push(req);
      return found;
    },
    async run(req) {
      source.runs.push(req);
      return options.onRun ? options.onRun(req) : {};
    },
    async assignees(req) {
      return options.assignees?.[req.role] ?? [];
    },
    async pause(req) {
      return options.pause?.[`${req.plugin}/${req.action}`] ?? { until: null };
    },
    async paused(req) {
      return options.paused?.[`${req.plugin}/${req.guard}`] ?? [];
    },
    async liftPause(req) {
      source.lifts.push(req);
      const list = options.paused?.[`${req.plugin}/${req.guard}`];
      if (list) list.splice(list.findIndex((p) => p.accountId === req.accountId) >>> 0, 1);
    },
    async upload(file, onProgress) {
      onProgress?.(1);
      return { id: `upload:${file.name.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 32) || 'file'}` };
    },
    uploadUrl(id) {
      return id.startsWith('https://') ? id : `data:,${encodeURIComponent(id)}`;
    },
    async pointsBalance() {
      return options.points ?? 0;
    },
    async pointsLedger(cursor) {
      return page(options.ledger ?? [], cursor, size);
    },
    async inbox(cursor) {
      return page(options.inbox ?? [], cursor, size);
    },
    async markRead() {},
    navigate(target) {
      source.navigations.push(target);
    },
    href(target) {
      return 'view' in target
        ? `#${target.plugin}/${target.view}${target.id ? `?id=${target.id}` : ''}`
        : '#';
    },
    onBlockError(report) {
      source.blockErrors.push({ type: report.type, message: report.message });
    },
  } satisfies FixtureSource) as FixtureSource;
  return source;
}

/**
 * Example data for a plugin's queries from its fixture records (collection → records): every
 * list query reads its collection, counts count it, groups group it by `groupBy`. Access rules
 * and `where` are not applied — this is a preview, not the server.
 */
export function fixtureDataFor(
  manifest: PluginManifest,
  records: Record<string, Record<string, unknown>[]>,
  config: Record<string, unknown> = {},
): Required<Pick<FixtureData, 'lists' | 'counts' | 'groups' | 'aggregates' | 'results'>> {
  const out = {
    lists: {} as Record<string, RecordDoc[]>,
    counts: {} as Record<string, number>,
    groups: {} as Record<string, GroupCount[]>,
    aggregates: {} as Record<string, AggregateAnswer>,
    results: {} as Record<string, FieldsResults>,
  };
  // Survey results from the example answers, against the example config (defaults filled in).
  const props =
    (manifest.config as { properties?: Record<string, { default?: unknown }> }).properties ?? {};
  const withDefaults: Record<string, unknown> = { ...config };
  for (const [k, p] of Object.entries(props))
    if (withDefaults[k] === undefined && p.default !== undefined) withDefaults[k] = p.default;
  for (const [name, a] of Object.entries(manifest.actions ?? {})) {
    const from = a.type === 'create' ? a.fieldsFrom : undefined;
    if (!from?.results) continue;
    const list = withDefaults[from.bind.split('.')[1]!];
    out.results[`${manifest.id}/${name}`] = tallyAnswers(
      configFields(from, list),
      (records[a.collection] ?? []).map((r) => ({ answers: r[from.field] })),
      { minGroupSize: from.results.minGroupSize ?? 5, withText: true },
    );
  }
  for (const [name, q] of Object.entries(manifest.queries ?? {})) {
    const key = `${manifest.id}/${name}`;
    const rows: RecordDoc[] = (records[q.collection] ?? []).map((r, i) => ({
      ...r,
      _id: String(r._id ?? i),
    }));
    out.lists[key] = rows;
    out.counts[key] = rows.length;
    if (q.kind === 'aggregate') out.aggregates[key] = exampleFigures(q, rows);
    if (q.groupBy) {
      const field = Array.isArray(q.groupBy) ? String(q.groupBy[0]) : String(q.groupBy);
      const counts = new Map<unknown, number>();
      for (const r of rows) counts.set(r[field], (counts.get(r[field]) ?? 0) + 1);
      out.groups[key] = [...counts].map(([value, count]) => ({ value, count }));
    }
  }
  return out;
}

/**
 * An aggregate over example records as the server would answer it, over the days the records
 * cover (example dates do not move with the clock), with an empty period before it.
 */
function exampleFigures(q: QueryDef, rows: RecordDoc[]): AggregateAnswer {
  const clock = new ZoneClock(DEFAULT_TIME_ZONE);
  const times = rows
    .map((r) => clock.instant(fieldValue(r, q.range?.field ?? 'createdAt')))
    .filter(Number.isFinite);
  const from = new Date(times.length ? Math.min(...times) : 0);
  const to = new Date(times.length ? Math.max(...times) + 86_400_000 : 86_400_000);
  const before = { from: new Date(2 * from.getTime() - to.getTime()), to: from };
  const reducer = new AggregateReducer(q, DEFAULT_TIME_ZONE, [{ from, to }, before]);
  for (const r of rows) reducer.add(r);
  const min = q.scope === 'community' ? (q.minGroupSize ?? 5) : undefined;
  const [current, previous] = reducer.result(min);
  return { kind: 'aggregate', ...current!, previous };
}
