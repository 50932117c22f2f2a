import type { AggregateAnswer } from '@scene/schema';
import { ApiError } from '../errors';
import type { InboxPage } from './inbox';
import type { PointsPage } from './points';
import type { Assignee, QueryAnswer, QueryParams, RecordView } from './records';

/** A record as a page binds it: the wire's `id`, and the `_id` manifests bind (`item._id`). */
export type BoundRecord = RecordView & { _id: string };

export const toBound = (r: RecordView): BoundRecord => ({ ...r, _id: r.id });

/** What a page asks of one of a plugin's declared queries. */
export interface QueryRead {
  plugin: string;
  query: string;
  cursor?: string;
  limit?: number;
  filter?: Record<string, unknown>;
}

/** One declared query of the community, as `RecordsApi.query` asks it. */
export type AskQuery = (plugin: string, query: string, params: QueryParams) => Promise<QueryAnswer>;

/**
 * The reads a page makes through plugins' declared queries, each answer narrowed to the shape the
 * page asked for (a list read of a count query reads as empty, not as a crash). The resident
 * portal and the studio's live preview read alike, so both sit on this one mapping.
 */
export function queryReads(ask: AskQuery) {
  return {
    async list(req: QueryRead) {
      const a = await ask(req.plugin, req.query, {
        cursor: req.cursor,
        limit: req.limit,
        filter: req.filter,
      });
      return a.kind === 'list'
        ? { items: a.items.map(toBound), nextCursor: a.nextCursor }
        : { items: [] };
    },
    async get(req: QueryRead & { id: string }) {
      try {
        const a = await ask(req.plugin, req.query, { id: req.id });
        const item = a.kind === 'record' ? a.item : a.kind === 'list' ? a.items[0] : undefined;
        return item ? toBound(item) : null;
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }
    },
    async count(req: QueryRead) {
      const a = await ask(req.plugin, req.query, { filter: req.filter });
      return a.kind === 'count' ? a.count : 0;
    },
    async group(req: QueryRead) {
      const a = await ask(req.plugin, req.query, { filter: req.filter });
      return a.kind === 'group' ? a.groups : [];
    },
    async capacity(req: QueryRead & { for?: string }) {
      const a = await ask(req.plugin, req.query, { filter: req.filter, for: req.for });
      return a.kind === 'capacity' ? a.slots : [];
    },
    async aggregate(req: QueryRead & Pick<QueryParams, 'from' | 'to' | 'compare' | 'for'>) {
      const a = await ask(req.plugin, req.query, {
        filter: req.filter,
        from: req.from,
        to: req.to,
        compare: req.compare,
        for: req.for,
      });
      if (a.kind !== 'aggregate') throw new Error(`"${req.query}" is not an aggregate query`);
      // The wire schema types a row's figures as optional; @scene/schema's type says they are
      // there exactly when the row is not suppressed, which the server guarantees.
      return a as AggregateAnswer;
    },
  };
}

/** An inbox page as a page lists it (`_id`, and absent rather than null links). */
export function inboxEntries(page: InboxPage) {
  return {
    items: page.items.map((m) => ({
      _id: m.id,
      title: m.title,
      body: m.body,
      read: m.read,
      createdAt: m.createdAt,
      plugin: m.pluginId,
      view: m.view ?? undefined,
      recordId: m.recordId ?? undefined,
    })),
    nextCursor: page.nextCursor,
  };
}

/** A points page as a page lists it: each entry with `_id` and its change as `amount`. */
export function ledgerEntries(page: PointsPage) {
  return {
    items: page.entries.map((e) => ({
      _id: e.id,
      amount: e.delta,
      balanceAfter: e.balanceAfter,
      reason: e.reason,
      createdAt: e.createdAt,
    })),
    nextCursor: page.nextCursor,
  };
}

/** The holders of a role as an assignment picker offers them. */
export const assigneeChoices = (people: Assignee[]) =>
  people.map((p) => ({ id: p.accountId, displayName: p.displayName }));
