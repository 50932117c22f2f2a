import type { CollectionDef, FindBy } from '@scene/schema';
import { conflict, HttpError } from '../../http/errors';
import { own } from '../../own';
import { recordsOf, type PluginContext } from '../records/context';
import { evaluateFilter } from '../records/filter';
import { CODES } from '../records/names';
import { findReadable, readableFilter } from '../records/read';
import type { StoredRecord } from '../records/types';
import { codeKey, type CodeClaim } from './common';

/**
 * The record a `findBy` transition works on: the one whose code the caller typed, in this
 * community, readable by the caller and inside `within` (today's bookings). The code's claim
 * names its record, so this is two reads by `_id`; only codes claimed before claims named their
 * records are looked for by value.
 */
export async function findByCode(
  ctx: PluginContext,
  collection: string,
  def: CollectionDef,
  findBy: FindBy,
  input: Record<string, unknown>,
): Promise<StoredRecord> {
  const code = own(input, findBy.input);
  const claim =
    typeof code === 'string'
      ? await ctx.db.collection<CodeClaim>(CODES).findOne({ _id: codeKey(ctx, collection, code) })
      : null;
  let doc: StoredRecord | null = null;
  if (claim?.record) doc = await findReadable(ctx, collection, def, claim.record);
  else if (claim)
    doc = await recordsOf(ctx, collection).findOne({
      $and: [readableFilter(ctx, def), { [findBy.field]: code }],
    });
  // A claim whose create was refused (a full meal) names no record that exists.
  if (!doc || own(doc, findBy.field) !== code) {
    const message = findBy.notFoundMessage ?? {
      'zh-CN': '没有找到这个号码，请核对后再输入。',
      en: 'No record has that code; check it and type it again.',
    };
    throw new HttpError(404, 'not_found', message.en, { code: 'no_such_code', message });
  }
  if (findBy.within && !evaluateFilter(findBy.within, doc, ctx.vars)) {
    const message = findBy.withinMessage ?? {
      'zh-CN': '这个号码现在不能办理。',
      en: 'That code cannot be used now.',
    };
    throw conflict(message.en, { code: 'not_within', message });
  }
  return doc;
}
