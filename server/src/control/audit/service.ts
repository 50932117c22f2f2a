import type { Logger } from 'pino';
import type { Actor } from '../auth/actor';
import { newId } from '../auth/secrets';
import { badRequest } from '../../http/errors';
import type { AuditDoc, AuditModels } from './model';

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
    const doc: AuditDoc = {
      _id: newId(),
      at: new Date(),
      actorId: actor.accountId,
      actorRoles: [...new Set([...actor.platformRoles, ...(actor.communityRoles ?? [])])],
      action: input.action,
      targetType: input.target.type,
      targetId: input.target.id,
      ...(input.communityId ? { communityId: input.communityId } : {}),
      ...(input.summary ? { summary: input.summary } : {}),
    };
    try {
      await this.models.AuditEntry.create(doc);
    } catch (err) {
      this.logger.error({ err, action: input.action }, 'audit entry could not be written');
    }
  }

  async list(filter: AuditFilter): Promise<AuditPage> {
    const query: Record<string, unknown> = {};
    if (filter.communityId) query.communityId = filter.communityId;
    if (filter.action) query.action = filter.action;
    if (filter.actorId) query.actorId = filter.actorId;
    if (filter.from || filter.to) {
      const from = filter.from ? new Date(filter.from) : undefined;
      const to = filter.to ? new Date(filter.to) : undefined;
      if (from && to && from >= to) throw badRequest('The period ends before it starts.');
      query.at = { ...(from ? { $gte: from } : {}), ...(to ? { $lt: to } : {}) };
    }
    if (filter.cursor) {
      const [ms, id] = filter.cursor.split('_');
      const at = new Date(Number(ms));
      if (!id || Number.isNaN(at.getTime())) throw badRequest('The cursor is not valid.');
      query.$or = [{ at: { $lt: at } }, { at, _id: { $lt: id } }];
    }
    const docs = await this.models.AuditEntry.find(query)
      .sort({ at: -1, _id: -1 })
      .limit(filter.limit + 1)
      .lean();
    const items = docs.slice(0, filter.limit).map(toEntry);
    const last = docs.length > filter.limit ? docs[filter.limit - 1] : undefined;
    return {
      items,
      ...(last ? { nextCursor: `${last.at.getTime()}_${last._id}` } : {}),
    };
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
