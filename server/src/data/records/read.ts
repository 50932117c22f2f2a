import type { CollectionDef } from '@scene/schema';
import { badRequest } from '../../http/errors';
import { readAccessTree } from './access';
import { recordsOf, type PluginContext } from './context';
import { allOf, compileFilter, NOTHING, type Filter, type MongoFilter } from './filter';
import type { StoredRecord } from './types';

export function checkRecordId(id: unknown): string {
  if (typeof id !== 'string' || !/^[0-9a-f]{24}$/.test(id))
    throw badRequest('Not a record id.', { code: 'record_id' });
  return id;
}

/**
 * The MongoDB filter for what a caller may read in a collection, narrowed by `extra` (a query's
 * `where`, client filters): community scope + the applicable access rules, all compiled by the
 * allow-listed compiler.
 */
export function readableFilter(
  ctx: PluginContext,
  def: CollectionDef,
  extra?: Filter,
): MongoFilter {
  const access = readAccessTree(def, ctx.roles);
  if (access === null) return { communityId: ctx.communityId, ...NOTHING };
  return compileFilter(allOf(access === 'all' ? undefined : access, extra), {
    communityId: ctx.communityId,
    vars: ctx.vars,
  });
}

/** One record the caller may read, or null. */
export async function findReadable(
  ctx: PluginContext,
  collection: string,
  def: CollectionDef,
  recordId: string,
): Promise<StoredRecord | null> {
  const filter = readableFilter(ctx, def);
  return recordsOf(ctx, collection).findOne({ $and: [filter, { _id: checkRecordId(recordId) }] });
}
