import type { Logger } from 'pino';
import type { Actor } from '../auth/actor';
import { badRequest } from '../../http/errors';
import { isDuplicateKey } from '../../db/errors';
import { communityScope, entryKey, parseCursor, PLATFORM_SCOPE } from './log-keys';
import type { AuditDoc, AuditModels } from './model';

/** Writers racing for the same number move on to the next; this many is a broken database. */
const MAX_TRIES = 100;
/** Keys read per round beyond the page, when a filter may skip entries. */
const BATCH = 50;
/** How many keys past the page a filtered page reads at most before it hands back a cursor. */
const FILTER_READS = 1000;

export interface AuditInput {
  action: string;
  target: { type: string; id: string };
  communityId?: string;
  summary?: Record<string, unknown>;
}

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string;
  actorRoles: string[];
  action: string;
  target: { type: string; id: string };
  communityId?: string;
  summary?: Record<string, unknown>;
}

export interface AuditFilter {
  communityId?: string;
  action?: string;
  actorId?: string;
  /** Entries at or after this instant (ISO date-time). */
  from?: string;
  /** Entries before this instant. */
  to?: string;
  limit: number;
  cursor?: string;
}

export interface AuditPage {
  items: AuditEntry[];
  nextCursor?: string;
}

/**
 * The audit log: append-only (this service has no update or delete). Entries are written after
 * the change they describe succeeded; there is no transaction to tie them together, so a failed
 * audit write is logged loudly rather than failing a change that already happened.
 */
export class AuditService {
  constructor(
    private readonly models: AuditModels,
    private readonly logger: Logger,
  ) {}

  async record(
    actor: Pick<Actor, 'accountId'> & {
      platformRoles: readonly string[];
      communityRoles?: string[];
    },
    input: AuditInput,
  ): Promise<void> {
    const entry = {
      at: new Date(),
      actorId: actor.accountId,
      actorRoles: [...new Set([...actor.platformRoles, ...(actor.communityRoles ?? [])])],
      action: input.action,
      targetType: input.target.type,
      targetId: input.target.id,
      ...(input.communityId ? { communityId: input.communityId } : {}),
      ...(input.summary ? { summary: input.summary } : {}),
    };
    const scopes = [
      PLATFORM_SCOPE,
      ...(input.communityId ? [communityScope(input.communityId)] : []),
    ];
    try {
      for (const scope of scopes) await this.append(scope, entry);
    } catch (err) {
      this.logger.error({ err, action: input.action }, 'audit entry could not be written');
    }
  }

  /** Writes the entry under the next free number of its scope (a unique insert decides). */
  private async append(scope: string, entry: Omit<AuditDoc, '_id' | 'scope' | 'seq'>) {
    let seq = await this.head(scope);
    for (let tries = 0; ; tries++) {
      seq += 1;
      try {
        await this.models.AuditEntry.create({ ...entry, _id: entryKey(scope, seq), scope, seq });
        break;
      } catch (err) {
        if (!isDuplicateKey(err) || tries >= MAX_TRIES) throw err;
      }
    }
    try {
      await this.models.AuditHead.updateOne({ _id: scope }, { $max: { n: seq } }, { upsert: true });
    } catch (err) {
      // Two first writers upserting the head at once: the other one wrote it; readers look past it.
      if (!isDuplicateKey(err)) throw err;
    }
  }

  /**
   * The newest number in a scope: the head writers keep, then any entries written past it (a
   * head update lost to a concurrent one, or a writer between its insert and its head update).
   */
  private async head(scope: string): Promise<number> {
    const head = await this.models.AuditHead.findById(scope).lean();
    let n = head?.n ?? 0;
    while (await this.models.AuditEntry.exists({ _id: entryKey(scope, n + 1) })) n += 1;
    return n;
  }

  async list(filter: AuditFilter): Promise<AuditPage> {
    const from = filter.from ? new Date(filter.from) : undefined;
    const to = filter.to ? new Date(filter.to) : undefined;
    if (from && to && from >= to) throw badRequest('The period ends before it starts.');
    const scope = filter.communityId ? communityScope(filter.communityId) : PLATFORM_SCOPE;
    // Entries numbered below `below`, newest first.
    let below = filter.cursor ? parseCursor(filter.cursor) : (await this.head(scope)) + 1;
    const fits = (d: AuditDoc) =>
      (!filter.action || d.action === filter.action) &&
      (!filter.actorId || d.actorId === filter.actorId) &&
      (!to || d.at < to);
    const items: AuditEntry[] = [];
    // A filtered page reads at most this many keys, then hands back a cursor to go on from.
    const filtered = !!(filter.action || filter.actorId || to);
    let budget = filter.limit + (filtered ? FILTER_READS : 0);
    while (below > 1 && items.length < filter.limit && budget > 0) {
      const wanted = filter.limit - items.length;
      const n = Math.min(below - 1, budget, filtered ? Math.max(wanted, BATCH) : wanted);
      const keys = Array.from({ length: n }, (_, i) => entryKey(scope, below - 1 - i));
      // One `_id` read each, together: the one query the local database answers without a scan
      // of the whole log in its engine (`$in` is not pushed down there).
      const docs = await Promise.all(keys.map((k) => this.models.AuditEntry.findById(k).lean()));
      budget -= n;
      for (const d of docs) {
        if (items.length === filter.limit) break;
        below -= 1;
        if (!d) continue; // a number a failed write left unused
        if (from && d.at < from) return { items }; // older entries are older still
        if (fits(d)) items.push(toEntry(d));
      }
    }
    return below > 1 ? { items, nextCursor: String(below) } : { items };
  }
}

function toEntry(d: AuditDoc): AuditEntry {
  return {
    id: d._id,
    at: d.at.toISOString(),
    actorId: d.actorId,
    actorRoles: d.actorRoles,
    action: d.action,
    target: { type: d.targetType, id: d.targetId },
    ...(d.communityId ? { communityId: d.communityId } : {}),
    ...(d.summary ? { summary: d.summary } : {}),
  };
}
