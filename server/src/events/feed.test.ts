// The change feed against the real database: two feeds on one database stand for two server
// processes. Polling runs on a long timer here; `readForward` is the poll's read, run by hand.
import { afterEach, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../testing/database';
import { ChangeFeed, CHANGE_FEED_COLLECTION, KEEP_CHANGES, type Change } from './feed';

const db = useTestDatabase('change-feed');
const feeds: ChangeFeed[] = [];

function serverProcess(): { feed: ChangeFeed; heard: Array<Change | undefined> } {
  const feed = new ChangeFeed({ connection: db.connection(), pollMs: 60_000 });
  const heard: Array<Change | undefined> = [];
  feed.onChange((c) => heard.push(c));
  feeds.push(feed);
  return { feed, heard };
}

afterEach(async () => {
  for (const f of feeds.splice(0)) f.stop();
  await db.connection().collection(CHANGE_FEED_COLLECTION).deleteMany({});
});

describe('the change feed', () => {
  it("tells a process of another's changes in order, and not of its own", async () => {
    const a = serverProcess();
    const b = serverProcess();
    await a.feed.synced();
    await b.feed.synced();
    await a.feed.append({ communityId: 'c1', reason: 'portal.published' });
    await a.feed.append({ accountId: 'acc1', reason: 'account.changed' });
    await b.feed.append({ communityId: 'c2', reason: 'installation.changed' });
    await a.feed.readForward();
    await b.feed.readForward();
    expect(a.heard).toEqual([{ communityId: 'c2', reason: 'installation.changed' }]);
    expect(b.heard).toEqual([
      { communityId: 'c1', reason: 'portal.published' },
      { accountId: 'acc1', reason: 'account.changed' },
    ]);
  });

  it('makes a process that fell behind by more than the feed keeps forget everything', async () => {
    const a = serverProcess();
    const b = serverProcess();
    await a.feed.synced();
    await b.feed.synced();
    // More changes between two of b's polls than the feed keeps: the first ones fall out.
    for (let i = 0; i < KEEP_CHANGES + 3; i++)
      await a.feed.append({ communityId: `c${i}`, reason: 'portal.published' });
    await b.feed.readForward();
    expect(b.heard).toEqual([undefined]);
    // Caught up again: the next change is told by name.
    await a.feed.append({ communityId: 'late', reason: 'community.changed' });
    await b.feed.readForward();
    expect(b.heard).toEqual([undefined, { communityId: 'late', reason: 'community.changed' }]);
  }, 120_000);

  it('gives a change from a process that fell far behind a number readers still reach', async () => {
    const a = serverProcess();
    const b = serverProcess();
    await a.feed.synced();
    await b.feed.synced();
    await b.feed.append({ communityId: 'early', reason: 'portal.published' });
    b.feed.stop(); // idle: b reads nothing more
    for (let i = 0; i < KEEP_CHANGES + 3; i++)
      await a.feed.append({ communityId: `c${i}`, reason: 'portal.published' });
    await a.feed.readForward();
    a.heard.length = 0;
    // b's next number would be 2, long trimmed: it must land above a's head, where a reads.
    await b.feed.append({ accountId: 'acc-late', reason: 'account.changed' });
    await a.feed.readForward();
    expect(a.heard).toEqual([{ accountId: 'acc-late', reason: 'account.changed' }]);
    expect(await db.connection().collection(CHANGE_FEED_COLLECTION).countDocuments()).toBe(
      KEEP_CHANGES,
    );
  }, 120_000);

  it('catches a process up by name after its polling stopped, forgetting only what changed', async () => {
    const a = serverProcess();
    const b = serverProcess();
    await a.feed.synced();
    await b.feed.synced();
    b.feed.stop(); // idle, or its poll is late on a busy machine
    await a.feed.append({ communityId: 'c1', reason: 'portal.published' });
    await b.feed.synced();
    expect(b.heard).toEqual([{ communityId: 'c1', reason: 'portal.published' }]);
  });
});
