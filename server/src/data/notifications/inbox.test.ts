import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import type { SentFilter } from '../../testing/command-log';
import { useTestDatabase } from '../../testing/database';
import { INBOX_HEADS } from '../records/names';
import { messageId } from './channels';
import {
  appendToInboxes,
  HEAD_KEEP,
  INBOX_KEEP,
  inboxes,
  inboxHeads,
  type InboxEntry,
} from './inbox';
import { HEAD_SLACK } from './inbox-store';
import { listInbox, markRead, unreadCount } from './service';

const db = useTestDatabase('inbox');

const entry = (accountId: string, communityId = 'c1', n = 0): InboxEntry => {
  const job = Types.ObjectId.createFromTime(1_800_000_000 + n).toHexString();
  return {
    id: messageId(job, accountId),
    communityId,
    pluginId: 'std.notices',
    recordId: `r${n}`,
    view: null,
    title: { 'zh-CN': `通知 ${n}`, en: `Notice ${n}` },
    body: null,
    read: false,
    createdAt: new Date(),
  };
};

describe('one inbox document per person', () => {
  it('creates an inbox that several writers reach first at once without failing any of them', async () => {
    const dbh = db.connection().db!;
    // Requests telling the same person something at once, before she has an inbox, must none of
    // them fail (a 409 for the caller). In one process they queue (head-writes.ts); across
    // processes the loser of the first upsert pushes again (pushEach), which this cannot reach.
    for (let round = 0; round < 5; round++) {
      const who = `inbox-race-${round}`;
      await Promise.all(
        Array.from({ length: 6 }, (_, n) =>
          appendToInboxes(dbh, [{ accountId: who, entry: entry(who, 'c1', n) }]),
        ),
      );
      expect((await inboxHeads(dbh).findOne({ _id: who }))!.entries.length).toBeGreaterThan(0);
    }
  });

  it('keeps every message when many writers tell one person at once, and marks meanwhile', async () => {
    const dbh = db.connection().db!;
    // The local database applies an update by reading the document and writing it back, so two
    // pushes (or a push and a mark, or a spill) to one head at the same moment lost one of them.
    for (let round = 0; round < 3; round++) {
      const who = `inbox-crowd-${round}`;
      const other = `inbox-crowd-other-${round}`;
      const sent: InboxEntry[] = [];
      const send = (n: number, withOther = false) => {
        const mine = entry(who, 'c1', round * 1000 + n);
        sent.push(mine);
        return appendToInboxes(dbh, [
          { accountId: who, entry: mine },
          ...(withOther ? [{ accountId: other, entry: entry(other, 'c1', round * 1000 + n) }] : []),
        ]);
      };
      await Promise.all(Array.from({ length: 6 }, (_, n) => send(n)));
      await Promise.all([
        ...Array.from({ length: 30 }, (_, n) => send(10 + n, n % 3 === 0)),
        markRead(dbh, who, 'all'),
        markRead(dbh, who, 'all'),
      ]);
      const page = await listInbox(dbh, who, { limit: 100 });
      expect(new Set(page.items.map((e) => e.id))).toEqual(new Set(sent.map((e) => e.id)));
      expect(page.items.filter((e) => !e.read)).toHaveLength(page.unread);
    }
  });

  it('keeps the newest messages up to its bound, newest first, and trims what grew past it', async () => {
    const dbh = db.connection().db!;
    const who = 'inbox-bound';
    for (let n = 0; n < INBOX_KEEP + 30; n += 10)
      await appendToInboxes(
        dbh,
        Array.from({ length: 10 }, (_, k) => ({ accountId: who, entry: entry(who, 'c1', n + k) })),
      );
    const page = await listInbox(dbh, who, { limit: 100 });
    expect(page.items).toHaveLength(INBOX_KEEP);
    expect(page.items[0]!.title.en).toBe(`Notice ${INBOX_KEEP + 29}`);
    expect(page.items.at(-1)!.title.en).toBe('Notice 30');
    expect(page.unread).toBe(INBOX_KEEP);
    // The head spilled its oldest into the archive, each within its bound.
    expect((await inboxHeads(dbh).findOne({ _id: who }))!.entries.length).toBeLessThanOrEqual(
      HEAD_KEEP + HEAD_SLACK,
    );
    expect((await inboxes(dbh).findOne({ _id: who }))!.entries.length).toBeLessThanOrEqual(
      INBOX_KEEP,
    );
  });

  it('shows a message delivered twice (a retried batch) once, and counts unread from the entries', async () => {
    const dbh = db.connection().db!;
    const who = 'inbox-twice';
    const [a, b, c] = [entry(who, 'c1', 1), entry(who, 'c2', 2), entry(who, 'c1', 3)];
    for (const e of [a, b, a, c, b]) await appendToInboxes(dbh, [{ accountId: who, entry: e }]);
    const all = await listInbox(dbh, who, {});
    expect(all.items.map((m) => m.id)).toEqual([c.id, b.id, a.id]);
    expect(all.unread).toBe(3);
    expect(await unreadCount(dbh, who, 'c1')).toBe(2);

    expect(await markRead(dbh, who, [a.id])).toEqual({ marked: 1, unread: 2 });
    // Marking again changes nothing.
    expect(await markRead(dbh, who, [a.id])).toEqual({ marked: 0, unread: 2 });
    const c1 = await listInbox(dbh, who, { communityId: 'c1', unreadOnly: true });
    expect(c1.items.map((m) => m.id)).toEqual([c.id]);
    expect(c1.unread).toBe(1);

    // A page after a cursor continues below it.
    const first = await listInbox(dbh, who, { limit: 2 });
    expect(first.nextCursor).toBe(b.id);
    const next = await listInbox(dbh, who, { limit: 2, cursor: first.nextCursor! });
    expect(next.items.map((m) => m.id)).toEqual([a.id]);
    expect(next.nextCursor).toBeNull();

    expect(await markRead(dbh, who, 'all')).toEqual({ marked: 2, unread: 0 });
    // Someone else's ids mark nothing here, and a person without messages has an empty inbox.
    expect(await markRead(dbh, 'inbox-nobody', [a.id])).toEqual({ marked: 0, unread: 0 });
    expect(await listInbox(dbh, 'inbox-nobody', {})).toEqual({
      items: [],
      unread: 0,
      nextCursor: null,
    });
  });

  it('refuses a cursor or an id that is not a message id, with a 400', async () => {
    const dbh = db.connection().db!;
    await expect(listInbox(dbh, 'x', { cursor: 'nope' })).rejects.toMatchObject({ status: 400 });
    await expect(markRead(dbh, 'x', ['nope'])).rejects.toMatchObject({ status: 400 });
  });
});

describe('a batch to many people', () => {
  it('creates the inboxes of people without one and appends to the others', async () => {
    const dbh = db.connection().db!;
    const [old, fresh] = ['batch-old', 'batch-new'];
    const first = entry(old, 'c1', 1);
    await appendToInboxes(dbh, [{ accountId: old, entry: first }]);
    const both = [old, fresh].map((accountId) => ({ accountId, entry: entry(accountId, 'c1', 2) }));
    await appendToInboxes(dbh, both);
    expect((await listInbox(dbh, old, {})).items.map((m) => m.id)).toEqual([
      both[0]!.entry.id,
      first.id,
    ]);
    expect((await listInbox(dbh, fresh, {})).items.map((m) => m.id)).toEqual([both[1]!.entry.id]);
  });

  it('appends many messages for one person in one write, each once when the batch comes again', async () => {
    const dbh = db.connection().db!;
    const who = 'batch-many';
    const many = Array.from({ length: INBOX_KEEP + 50 }, (_, n) => ({
      accountId: who,
      entry: entry(who, 'c1', n),
    }));
    await appendToInboxes(dbh, many);
    await appendToInboxes(dbh, many);
    const stored = [
      ...(await inboxHeads(dbh).findOne({ _id: who }))!.entries,
      ...((await inboxes(dbh).findOne({ _id: who }))?.entries ?? []),
    ];
    // Only the newest INBOX_KEEP of the group were written; the older ones would fall off.
    expect(stored).toHaveLength(INBOX_KEEP);
    expect(new Set(stored.map((e) => e.id)).size).toBe(INBOX_KEEP);
    const page = await listInbox(dbh, who, { limit: 1 });
    expect(page.items[0]!.title.en).toBe(`Notice ${INBOX_KEEP + 49}`);
    expect(page.unread).toBe(INBOX_KEEP);
  });
});

describe("a batch's inbox writes, as the driver sends them", () => {
  const sent: SentFilter[] = [];
  const logged = useTestDatabase('inbox-writes', { sent });

  it('reads no inbox and names the person in every write, to new and existing inboxes', async () => {
    const dbh = logged.connection().db!;
    await appendToInboxes(dbh, [{ accountId: 'w-old', entry: entry('w-old', 'c1', 1) }]);
    const batch = ['w-old', 'w-new1', 'w-new2'].map((accountId) => ({
      accountId,
      entry: entry(accountId, 'c1', 2),
    }));
    sent.length = 0;
    await appendToInboxes(dbh, batch);
    // The new inboxes are inserted (not logged here: no filter); the one existing inbox gets one
    // update by its _id. A read of the batch's inboxes by $in decoded every inbox locally.
    const onInboxes = sent.filter((s) => s.collection === INBOX_HEADS);
    expect(onInboxes.map((s) => s.command)).toEqual(['update']);
    expect(onInboxes[0]!.filter).toMatchObject({ _id: 'w-old' });
    // The same batch again (a retried step) adds nothing.
    await appendToInboxes(dbh, batch);
    const stored = async (id: string) =>
      (await inboxHeads(dbh).findOne({ _id: id }))!.entries.length;
    expect(await stored('w-old')).toBe(2);
    expect(await stored('w-new1')).toBe(1);
    expect(await stored('w-new2')).toBe(1);
  });
});
