import { reactive } from 'vue';
import type {
  ActionRequest,
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
  points?: number;
  ledger?: LedgerEntry[];
  inbox?: InboxMessage[];
}

export interface FixtureSourceOptions extends FixtureData {
  locale?: Locale;
  user?: RuntimeUser | null;
  /** Called for every action; throw to simulate a refusal. */
  onRun?: (req: ActionRequest) => ActionResult | Promise<ActionResult>;
  pageSize?: number;
}

export type FixtureSource = DataSource & {
  locale: Locale;
  user: RuntimeUser | null;
  runs: ActionRequest[];
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
    async run(req) {
      source.runs.push(req);
      return options.onRun ? options.onRun(req) : {};
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
