import type { StoredEntry } from './inbox-store';

/**
 * A message as an inbox head or archive holds it: the id apart, since a push's filter names
 * `entries.id`, and the rest in one string. Issue 18: every page reads its person's head, and
 * the local database stores each object with a description of every field's type beside it: an
 * entry of eight fields took ~530 bytes (twice its data) and eight values to decode, ~20 KB
 * per head read. Packed, an entry is two strings of ~200 bytes.
 */
export interface PackedEntry {
  id: string;
  m: string;
}

/** As a document holds it: packed, or as written before packing (and any entry that can't be). */
export type DiskEntry = StoredEntry | PackedEntry;

const SEP = '|';

const packable = (e: StoredEntry): e is StoredEntry & { words: string } =>
  typeof e.words === 'string' &&
  e.title === undefined &&
  e.body === undefined &&
  e.createdAt instanceof Date &&
  Number.isFinite(e.createdAt.getTime()) &&
  // '' stands for null below, and no part may hold the separator.
  e.recordId !== '' &&
  e.view !== '' &&
  [e.communityId, e.pluginId, e.recordId ?? '', e.view ?? '', e.words].every(
    (part) => typeof part === 'string' && !part.includes(SEP),
  );

export function pack(entries: readonly StoredEntry[]): DiskEntry[] {
  return entries.map((e) =>
    packable(e)
      ? {
          id: e.id,
          m: [
            e.communityId,
            e.pluginId,
            e.recordId ?? '',
            e.view ?? '',
            e.read ? '1' : '0',
            String(e.createdAt.getTime()),
            e.words,
          ].join(SEP),
        }
      : e,
  );
}

export function unpack(entries: readonly DiskEntry[]): StoredEntry[] {
  return entries.map((e) => {
    if (!('m' in e) || typeof e.m !== 'string') return e as StoredEntry;
    const [communityId, pluginId, recordId, view, read, at, words] = e.m.split(SEP) as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    return {
      id: e.id,
      communityId,
      pluginId,
      recordId: recordId || null,
      view: view || null,
      read: read === '1',
      createdAt: new Date(Number(at)),
      words,
    };
  });
}
