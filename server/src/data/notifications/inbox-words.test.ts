import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import type { SentFilter } from '../../testing/command-log';
import { useTestDatabase } from '../../testing/database';
import { NOTICE_WORDS } from '../records/names';
import { messageId } from './channels';
import { appendToInboxes, inboxHeads, readInbox, unpack, type InboxEntry } from './inbox';
import { storeWords, wordsKey, type NoticeWords } from './inbox-words';
import { listInbox } from './service';

const sent: SentFilter[] = [];
const db = useTestDatabase('inbox-words', { sent });

/** Words as long as a real notice's: both languages of a title and a body. */
const words = {
  title: { 'zh-CN': '您的报修已派单，维修人员将尽快上门', en: 'Your repair request was assigned' },
  body: {
    'zh-CN': '维修人员将在约定时间上门，请保持电话畅通。如需改约，请在报修详情中留言。',
    en: 'A technician will come at the agreed time; keep your phone on. To change it, leave a note on the request.',
  },
};

const entry = (accountId: string, n: number, w: NoticeWords = words): InboxEntry => ({
  id: messageId(Types.ObjectId.createFromTime(1_800_000_000 + n).toHexString(), accountId),
  communityId: 'c1',
  pluginId: 'std.repair',
  recordId: `r${n}`,
  view: 'detail',
  ...w,
  read: false,
  createdAt: new Date(),
});

/** The same database through another Db object: another process, whose caches are empty. */
const elsewhere = () => {
  const dbh = db.connection().db!;
  return dbh.client.db(dbh.databaseName);
};

describe("a notice's words, stored once", () => {
  it('keeps one copy of the words for everyone a notice reaches; every inbox names them', async () => {
    const dbh = db.connection().db!;
    const people = Array.from({ length: 30 }, (_, k) => `w-${k}`);
    await appendToInboxes(
      dbh,
      people.map((p) => ({ accountId: p, entry: entry(p, 1) })),
    );
    await appendToInboxes(dbh, [{ accountId: 'w-0', entry: entry('w-0', 2) }]);

    expect(await dbh.collection(NOTICE_WORDS).countDocuments()).toBe(1);
    const head = (await inboxHeads(dbh).findOne({ _id: 'w-0' }))!;
    expect(unpack(head.entries).map((e) => e.words)).toEqual([wordsKey(words), wordsKey(words)]);
    // Each entry packed into its id and one string (inbox-packing.ts), not eight fields.
    expect(head.entries.every((e) => Object.keys(e).join() === 'id,m')).toBe(true);
    // The head holds no words at all: that is what makes it small to read on every page.
    expect(JSON.stringify(head)).not.toContain(words.body.en);
    expect(JSON.stringify(head)).not.toContain(words.title['zh-CN']);

    const page = await listInbox(elsewhere(), 'w-7', {});
    expect(page.items).toEqual([expect.objectContaining({ ...words, recordId: 'r1' })]);
    expect(page.items[0]).not.toHaveProperty('words');
  });

  it('reads words another process stored by their _id, and remembers them', async () => {
    const dbh = db.connection().db!;
    const other = { title: { 'zh-CN': '活动提醒', en: 'Event reminder' }, body: null };
    await appendToInboxes(dbh, [{ accountId: 'w-read', entry: entry('w-read', 3, other) }]);
    const reader = elsewhere();
    sent.length = 0;
    expect((await listInbox(reader, 'w-read', {})).items[0]).toMatchObject(other);
    const onWords = sent.filter((s) => s.collection === NOTICE_WORDS);
    expect(onWords).toEqual([
      { command: 'find', collection: NOTICE_WORDS, filter: { _id: wordsKey(other) } },
    ]);
    sent.length = 0;
    await listInbox(reader, 'w-read', {});
    expect(sent.filter((s) => s.collection === NOTICE_WORDS)).toEqual([]);
  });

  it('takes the same words stored by two processes at once without an error', async () => {
    const same = { title: { 'zh-CN': '同时', en: 'At once' }, body: null };
    const keys = await Promise.all([
      storeWords(elsewhere(), [same]),
      storeWords(elsewhere(), [same]),
    ]);
    expect(keys).toEqual([[wordsKey(same)], [wordsKey(same)]]);
    expect(
      await db
        .connection()
        .db!.collection<{ _id: string }>(NOTICE_WORDS)
        .countDocuments({ _id: wordsKey(same) }),
    ).toBe(1);
  });

  it('still shows messages stored with their words, beside those that name them', async () => {
    const dbh = db.connection().db!;
    const older = entry('w-old', 4, { title: { 'zh-CN': '旧通知', en: 'Old notice' }, body: null });
    // An inbox head written before the words were kept apart, then one before entries were
    // packed (its words named, its fields apart), then a packed one.
    await inboxHeads(dbh).insertOne({ _id: 'w-old', entries: [older], rev: 'r' });
    await appendToInboxes(dbh, [{ accountId: 'w-old', entry: entry('w-old', 5) }]);
    const { title: _t, body: _b, ...meta } = entry('w-old', 6);
    await inboxHeads(dbh).updateOne(
      { _id: 'w-old' },
      { $push: { entries: { ...meta, words: wordsKey(words) } } },
    );
    await appendToInboxes(dbh, [{ accountId: 'w-old', entry: entry('w-old', 7) }]);
    const shown = (await listInbox(elsewhere(), 'w-old', {})).items;
    expect(shown.map((m) => [m.recordId, m.title.en])).toEqual([
      ['r7', words.title.en],
      ['r6', words.title.en],
      ['r5', words.title.en],
      ['r4', 'Old notice'],
    ]);
    // The privacy export gets the words too.
    expect((await readInbox(elsewhere(), 'w-old')).map((m) => m.body)).toEqual([
      words.body,
      words.body,
      words.body,
      null,
    ]);
  });
});
