import type { CollectionDef, FindBy } from '@scene/schema';
import { conflict, HttpError } from '../../http/errors';
import { own } from '../../own';
import { recordsOf, type PluginContext } from '../records/context';
import { evaluateFilter } from '../records/filter';
import { findReadable, readableFilter } from '../records/read';
import type { StoredRecord } from '../records/types';
import { codeTarget } from './numbering';

/**
 * The record a `findBy` transition works on: the one whose code the caller typed, in this
 * community, readable by the caller and inside `within` (today's bookings). The code leads to
 * its record's `_id` (numbering.ts), so this is one read by `_id`; only codes claimed before
 * claims named their records are looked for by value.
 */
export async function findByCode(
  ctx: PluginContext,
  collection: string,
  def: CollectionDef,
  findBy: FindBy,
  input: Record<string, unknown>,
): Promise<StoredRecord> {
  const code = own(input, findBy.input);
  const target = typeof code === 'string' ? await codeTarget(ctx, collection, code) : null;
  let doc: StoredRecord | null = null;
  if (target === 'byValue')
    doc = await recordsOf(ctx, collection).findOne({
      $and: [readableFilter(ctx, def), { [findBy.field]: code }],
    });
  else if (target) doc = await findReadable(ctx, collection, def, target.id);
  // A code nobody holds (a claim whose create was refused, a full meal) names no record.
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
