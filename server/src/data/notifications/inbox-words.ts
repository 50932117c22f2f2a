import { createHash } from 'node:crypto';
import type { LocalizedText } from '@scene/schema';
import type { mongo } from 'mongoose';
import { duplicateKeyIndexes } from '../../db/errors';
import { NOTICE_WORDS } from '../records/names';

/**
 * What a message says: the notice's title and body from the manifest with the installation's
 * values, in every language it has. The same for everyone a notice reaches, so an inbox stores a
 * key to them (issue 18): the words were two thirds of every message (~800 B of both languages),
 * and every page reads the inbox head that holds them.
 */
export interface NoticeWords {
  title: LocalizedText;
  body: LocalizedText | null;
}

/** The stored words, keyed by a hash of what they say: written once, never changed. */
interface WordsDoc extends NoticeWords {
  _id: string;
}

const wordsDocs = (db: mongo.Db) => db.collection<WordsDoc>(NOTICE_WORDS);

/** The key of some words: 96 bits of their hash, so the same words get the same key anywhere. */
export function wordsKey(w: NoticeWords): string {
  return createHash('sha256')
    .update(JSON.stringify([w.title, w.body]))
    .digest('base64url')
    .slice(0, 16);
}

/**
 * Words this process wrote or read, per database (tests and benches run several in one process).
 * Words never change under their key, so a cached copy is never stale; the bound only keeps a
 * process that meets endless config edits from growing.
 */
const known = new WeakMap<mongo.Db, Map<string, NoticeWords>>();
const KNOWN_MAX = 5_000;

function cacheOf(db: mongo.Db): Map<string, NoticeWords> {
  let cache = known.get(db);
  if (!cache) known.set(db, (cache = new Map()));
  return cache;
}

function remember(cache: Map<string, NoticeWords>, key: string, w: NoticeWords): void {
  if (cache.size >= KNOWN_MAX) cache.delete(cache.keys().next().value!);
  cache.set(key, { title: w.title, body: w.body });
}

/**
 * Makes sure the words of these notices are stored, before any message names them; returns
 * their keys in order. Words this process has met cost nothing; new ones are one insert (words
 * another process stored first are refused as duplicates, which is what we want).
 */
export async function storeWords(db: mongo.Db, list: readonly NoticeWords[]): Promise<string[]> {
  const cache = cacheOf(db);
  const keys = list.map(wordsKey);
  const fresh = new Map<string, NoticeWords>();
  list.forEach((w, i) => {
    if (!cache.has(keys[i]!)) fresh.set(keys[i]!, w);
  });
  if (fresh.size) {
    const docs = [...fresh].map(([_id, w]) => ({ _id, title: w.title, body: w.body }));
    try {
      await wordsDocs(db).insertMany(docs, { ordered: false });
    } catch (err) {
      if (!duplicateKeyIndexes(err)) throw err;
    }
    for (const [key, w] of fresh) remember(cache, key, w);
  }
  return keys;
}

/** Shown for a message whose words are gone (never deleted by the platform; a hand-edited database). */
const MISSING: NoticeWords = { title: { 'zh-CN': '通知', en: 'Notice' }, body: null };

/**
 * The words of these keys: from this process's cache, the rest read by `_id` (one read each, in
 * parallel: the local database narrows a find to one row only for `{_id: <value>}`).
 */
export async function wordsOf(
  db: mongo.Db,
  keys: readonly string[],
): Promise<Map<string, NoticeWords>> {
  const cache = cacheOf(db);
  const out = new Map<string, NoticeWords>();
  const missing = [...new Set(keys)].filter((k) => {
    const w = cache.get(k);
    if (w) out.set(k, w);
    return !w;
  });
  const found = await Promise.all(missing.map((_id) => wordsDocs(db).findOne({ _id })));
  missing.forEach((k, i) => {
    const doc = found[i];
    if (doc) remember(cache, k, doc);
    out.set(k, doc ? { title: doc.title, body: doc.body } : MISSING);
  });
  return out;
}
