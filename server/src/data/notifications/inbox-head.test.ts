// The inbox head (issue 18) answers every question as one inbox document did: a randomised run
// of appends (new, late and repeated), spills, marks and reads compared with a plain model of
// "the newest INBOX_KEEP messages, one per id", and the reads of every page by the head alone.
import fc from 'fast-check';
import { Types, type mongo } from 'mongoose';
import { describe, expect, it } from 'vitest';
import type { SentFilter } from '../../testing/command-log';
import { useTestDatabase } from '../../testing/database';
import { messageId } from './channels';
import { INBOXES } from '../records/names';
import { appendToInboxes, INBOX_KEEP, inboxes, type InboxEntry } from './inbox';
import { inboxHeads, settleHead } from './inbox-store';
import { listInbox, markRead, unreadCount } from './service';

const db = useTestDatabase('inbox-head');

const entry = (accountId: string, n: number, communityId: string): InboxEntry => {
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
    createdAt: new Date(1_800_000_000_000 + n),
  };
};

/** Every message she was ever sent, with its read flag; she sees the newest INBOX_KEEP. */
class Model {
  readonly all = new Map<string, InboxEntry>();
  push(es: InboxEntry[]) {
    for (const e of es) if (!this.all.has(e.id)) this.all.set(e.id, e);
  }
  visible(): InboxEntry[] {
    return [...this.all.values()].sort((a, b) => (a.id < b.id ? 1 : -1)).slice(0, INBOX_KEEP);
  }
  unread(c?: string) {
    return this.visible().filter((e) => !e.read && (!c || e.communityId === c)).length;
  }
  list(q: { cursor?: string; limit: number; unreadOnly?: boolean; communityId?: string }) {
    const rows = this.visible().filter(
      (e) =>
        (!q.communityId || e.communityId === q.communityId) &&
        (!q.unreadOnly || !e.read) &&
        (q.cursor === undefined || e.id < q.cursor),
    );
    const items = rows.slice(0, q.limit);
    return {
      items: items.map(brief),
      unread: this.unread(q.communityId),
      nextCursor: rows.length > q.limit ? items.at(-1)!.id : null,
    };
  }
  mark(ids: Set<string> | 'all') {
    let marked = 0;
    for (const e of this.visible())
      if (!e.read && (ids === 'all' || ids.has(e.id))) {
        this.all.set(e.id, { ...e, read: true });
        marked++;
      }
    return { marked, unread: this.unread() };
  }
}

const brief = (e: InboxEntry) => ({ id: e.id, read: e.read, communityId: e.communityId });
const COMMUNITIES = ['c1', 'c2'];

type Op =
  | { kind: 'push'; offsets: number[]; community: number }
  | { kind: 'repeat'; which: number }
  | { kind: 'mark'; picks: number[]; stranger: boolean }
  | { kind: 'markAll' }
  | { kind: 'list'; limit: number; cursorAt: number | null; unreadOnly: boolean; community: number }
  | { kind: 'count'; community: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('push' as const),
      // Mostly new messages, some older than what she holds (a job enqueued earlier).
      offsets: fc.array(
        fc.oneof(
          { weight: 5, arbitrary: fc.integer({ min: 0, max: 25 }) },
          { weight: 1, arbitrary: fc.integer({ min: -80, max: -1 }) },
        ),
        { minLength: 1, maxLength: 30 },
      ),
      community: fc.integer({ min: 0, max: 1 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('repeat' as const), which: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('mark' as const),
      picks: fc.array(fc.nat({ max: 120 }), { maxLength: 8 }),
      stranger: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'markAll' as const }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('list' as const),
      limit: fc.oneof(fc.constant(20), fc.integer({ min: 1, max: 45 }), fc.constant(100)),
      cursorAt: fc.option(fc.nat({ max: 110 }), { freq: 2 }),
      unreadOnly: fc.boolean(),
      community: fc.integer({ min: -1, max: 1 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('count' as const),
      community: fc.integer({ min: -1, max: 1 }),
    }),
  },
);

let runs = 0;

async function play(filled: number, ops: Op[]) {
  const dbh = db.connection().db!;
  const who = `head-model-${runs++}`;
  const model = new Model();
  const batches: InboxEntry[][] = [];
  const used = new Set<number>();
  let clock = 100;
  // Most runs start from an inbox whose head has spilled, some more than once.
  for (let n = 0; n < filled; n += 10) {
    const batch = Array.from({ length: 10 }, (_, k) =>
      entry(who, n + k, COMMUNITIES[k % 3 ? 0 : 1]!),
    );
    batch.forEach((e, k) => (used.add(n + k), (e.read = k % 4 === 0)));
    await appendToInboxes(
      dbh,
      batch.map((e) => ({ accountId: who, entry: e })),
    );
    model.push(batch);
    clock = n + 10;
  }
  for (const o of ops) {
    if (o.kind === 'push') {
      clock += 20;
      const ns = [...new Set(o.offsets.map((d) => clock + d))].filter((n) => !used.has(n));
      if (!ns.length) continue;
      ns.forEach((n) => used.add(n));
      const batch = ns.map((n, k) => entry(who, n, COMMUNITIES[(o.community + k) % 2]!));
      batches.push(batch);
      await appendToInboxes(
        dbh,
        batch.map((e) => ({ accountId: who, entry: e })),
      );
      model.push(batch);
    } else if (o.kind === 'repeat') {
      if (!batches.length) continue;
      // A retried delivery of an earlier batch: nobody reads a message twice.
      const batch = batches[o.which % batches.length]!;
      await appendToInboxes(
        dbh,
        batch.map((e) => ({ accountId: who, entry: e })),
      );
    } else if (o.kind === 'mark') {
      const seen = model.visible();
      const ids = new Set(o.picks.filter((k) => k < seen.length).map((k) => seen[k]!.id));
      if (o.stranger) ids.add(entry('someone-else', 7, 'c1').id);
      expect(await markRead(dbh, who, [...ids])).toEqual(model.mark(ids));
    } else if (o.kind === 'markAll') {
      expect(await markRead(dbh, who, 'all')).toEqual(model.mark('all'));
    } else if (o.kind === 'list') {
      const seen = model.visible();
      const q = {
        limit: o.limit,
        unreadOnly: o.unreadOnly,
        ...(o.cursorAt !== null && seen.length
          ? { cursor: seen[o.cursorAt % seen.length]!.id }
          : {}),
        ...(o.community >= 0 ? { communityId: COMMUNITIES[o.community]! } : {}),
      };
      const page = await listInbox(dbh, who, q);
      expect({ ...page, items: page.items.map(brief) }).toEqual(model.list(q));
    } else {
      const c = o.community >= 0 ? COMMUNITIES[o.community]! : undefined;
      expect(await unreadCount(dbh, who, c)).toBe(model.unread(c));
    }
  }
  const all = await listInbox(dbh, who, { limit: 100 });
  expect({ ...all, items: all.items.map(brief) }).toEqual(model.list({ limit: 100 }));
}

describe('an inbox head and its archive', () => {
  it('answer every read and mark as the newest messages, one per id, would', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 170 }), fc.array(op, { minLength: 5, maxLength: 50 }), play),
      {
        numRuns: 40,
      },
    );
  }, 300_000);

  it('keeps the answers of an inbox from before heads, and builds the head on the next notice', async () => {
    const dbh = db.connection().db!;
    const who = 'head-legacy';
    const old = Array.from({ length: INBOX_KEEP + 10 }, (_, n) => entry(who, n, 'c1'));
    old.slice(0, 5).forEach((e) => (e.read = true));
    await inboxes(dbh).insertOne({ _id: who, entries: old, rev: 'old' });
    const model = new Model();
    model.push(old);
    expect(await unreadCount(dbh, who)).toBe(model.unread());
    const late = [entry(who, 500, 'c2'), entry(who, 50, 'c2')];
    await appendToInboxes(
      dbh,
      late.map((e) => ({ accountId: who, entry: e })),
    );
    model.push(late);
    for (let round = 0; round < 2; round++) {
      const page = await listInbox(dbh, who, { limit: 20 });
      expect({ ...page, items: page.items.map(brief) }).toEqual(model.list({ limit: 20 }));
      expect(await unreadCount(dbh, who, 'c2')).toBe(model.unread('c2'));
    }
  });

  it('shows a retried notice whose message was archived and read once, read', async () => {
    const dbh = db.connection().db!;
    const who = 'head-retry';
    const sent = Array.from({ length: 60 }, (_, n) => entry(who, n, 'c1'));
    for (let n = 0; n < sent.length; n += 10)
      await appendToInboxes(
        dbh,
        sent.slice(n, n + 10).map((e) => ({ accountId: who, entry: e })),
      );
    expect(await unreadCount(dbh, who)).toBe(60);
    // The oldest message is in the archive by now; read there, then delivered again (a retried
    // request's notice), it lands in the head below its floor and must not count twice.
    expect(await markRead(dbh, who, [sent[5]!.id])).toEqual({ marked: 1, unread: 59 });
    await appendToInboxes(dbh, [{ accountId: who, entry: sent[5]! }]);
    expect(await unreadCount(dbh, who)).toBe(59);
    const all = await listInbox(dbh, who, { limit: 100 });
    expect(all.items.filter((m) => m.id === sent[5]!.id)).toEqual([
      expect.objectContaining({ read: true }),
    ]);
    expect(all).toMatchObject({ unread: 59, nextCursor: null });
    expect(all.items).toHaveLength(60);
  });
});

/**
 * The database as a spill sees it when the person is erased between its reads and its archive
 * write: erasure (privacy/erasure.ts) deletes her head, then her archive, just before the insert.
 */
function erasedMidSpill(real: mongo.Db, who: string): mongo.Db {
  const bound = <T extends object>(o: T, p: string | symbol) => {
    const v: unknown = Reflect.get(o, p);
    return typeof v === 'function' ? v.bind(o) : v;
  };
  return new Proxy(real, {
    get: (db, p) =>
      p !== 'collection'
        ? bound(db, p)
        : (name: string) => {
            const coll = db.collection(name);
            if (name !== INBOXES) return coll;
            return new Proxy(coll, {
              get: (c, q) =>
                q !== 'insertOne'
                  ? bound(c, q)
                  : async (...args: Parameters<typeof c.insertOne>) => {
                      await inboxHeads(db).deleteOne({ _id: who });
                      await inboxes(db).deleteOne({ _id: who });
                      return c.insertOne(...args);
                    },
            });
          },
  });
}

describe('erasure during a spill', () => {
  it('leaves no archive behind when she is erased between the spill reading and writing', async () => {
    const dbh = db.connection().db!;
    const who = 'head-erased-mid-spill';
    // An unsealed head past its bound and no archive yet: the spill will insert one.
    const entries = Array.from({ length: 45 }, (_, n) => entry(who, n, 'c1'));
    await inboxHeads(dbh).insertOne({ _id: who, entries, rev: 'r0' });
    await settleHead(erasedMidSpill(dbh, who), who);
    expect(await inboxHeads(dbh).findOne({ _id: who })).toBeNull();
    expect(await inboxes(dbh).findOne({ _id: who })).toBeNull();
  });
});

describe('the reads of every page, as the driver sends them', () => {
  const sent: SentFilter[] = [];
  const logged = useTestDatabase('inbox-head-reads', { sent });

  it('read only her head by _id once her archive holds older messages', async () => {
    const dbh = logged.connection().db!;
    const who = 'head-reads';
    for (let n = 0; n < 150; n += 10)
      await appendToInboxes(
        dbh,
        Array.from({ length: 10 }, (_, k) => ({ accountId: who, entry: entry(who, n + k, 'c1') })),
      );
    await unreadCount(dbh, who); // seals the head
    expect(await inboxes(dbh).findOne({ _id: who })).not.toBeNull();
    sent.length = 0;
    expect(await unreadCount(dbh, who)).toBe(INBOX_KEEP);
    const page = await listInbox(dbh, who, { limit: 20 });
    expect(page.items).toHaveLength(20);
    expect(page.unread).toBe(INBOX_KEEP);
    expect(page.nextCursor).toBe(page.items[19]!.id);
    // A new notice, read again: still the head alone, and one small write for the notice.
    await appendToInboxes(dbh, [{ accountId: who, entry: entry(who, 200, 'c1') }]);
    expect((await listInbox(dbh, who, { limit: 20 })).items[0]!.title.en).toBe('Notice 200');
    expect(sent.map((s) => `${s.command} ${s.collection}`)).toEqual([
      'find inbox_heads',
      'find inbox_heads',
      'update inbox_heads',
      'find inbox_heads',
    ]);
    expect(sent.every((s) => (s.filter as { _id?: unknown })._id === who)).toBe(true);
  });
});
