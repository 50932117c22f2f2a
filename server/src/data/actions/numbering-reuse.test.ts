import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../testing/database';
import { loadContext, recordsOf } from '../records/context';
import { loadStandardPlugin, member, testDataPlane, type TestDataPlane } from '../records/test-kit';
import type { StoredRecord } from '../records/types';
import { removeRecord, updateRecord } from '../records/write';
import { forgetNumberings } from './numbering';
import { runAction } from './service';

// A record's `_id` is named by its number (numbering.ts), so a number handed out twice is one
// `_id` for two records: the second record's first update meets the first one's revision claims
// and fails as a lost race, and "ticket 000042" names two reports over time. A restarted process
// starts from the stored hint (which lags); a deleted number must not be handed out again.
const db = useTestDatabase('numbering-reuse');
const repair = loadStandardPlugin('property-repair');
const C = 'c-reuse';
const resident = member(C, ['resident'], 'reuse');
let p: TestDataPlane;

beforeAll(async () => {
  p = await testDataPlane(db.connection());
  await p.install(C, repair);
});

const report = async (title: string): Promise<StoredRecord> => {
  const res = await runAction(p, {
    communityId: C,
    pluginId: repair.id,
    action: 'report',
    caller: resident,
    input: { category: 'plumbing', locationType: 'public', title, contactPhone: '13800000000' },
  });
  expect(res.status).toBe(201);
  const id = (res.body as { record: { id: string } }).record.id;
  const ctx = await loadContext(p, C, repair.id, null, 'write');
  return (await recordsOf(ctx, 'tickets').findOne({ _id: id }))!;
};

async function remove(doc: StoredRecord): Promise<void> {
  const ctx = await loadContext(p, C, repair.id, null, 'write');
  await removeRecord(ctx, 'tickets', doc);
}

/** An edit of a fresh record: its first revision claim. */
async function edit(doc: StoredRecord, title: string): Promise<StoredRecord> {
  const ctx = await loadContext(p, C, repair.id, null, 'write');
  const after = await updateRecord(ctx, 'tickets', doc, { title }, {});
  // Moved through every revision: the record's later changes claim fresh revisions too.
  return updateRecord(ctx, 'tickets', after, { title: `${title}（补充）` }, {});
}

describe('a deleted record number is never handed out again', () => {
  it('after a restart behind the deletes: new numbers, new ids, and their edits go through', async () => {
    const made: StoredRecord[] = [];
    for (let i = 0; i < 5; i++) made.push(await report(`漏水 ${i}`));
    // Edited, so each record leaves revision claims behind under its `_id`.
    for (const doc of made.slice(2)) await edit(doc, `${doc.title as string} 已处理`);
    // The newest two are deleted (at the revision their edits left), then the process restarts:
    // its numbering memory starts again from the stored hint (moved every 25th number, so it
    // lags all five).
    for (const doc of made.slice(3)) await remove({ ...doc, _rev: doc._rev + 2 });
    forgetNumberings();
    const again = [await report('又漏了'), await report('又漏了二')];
    const gone = new Set(made.slice(3).map((d) => d._n));
    expect(again.map((d) => d._n).filter((n) => gone.has(n as number))).toEqual([]);
    expect(again.map((d) => d._id).filter((id) => made.some((d) => d._id === id))).toEqual([]);
    expect(new Set(again.map((d) => d.ticketNo)).size).toBe(2);
    for (const d of again) expect(made.map((m) => m.ticketNo)).not.toContain(d.ticketNo);
    // The new records' first edits are theirs, not lost races with the deleted ones' claims.
    for (const d of again) await expect(edit(d, '换了新管')).resolves.toMatchObject({ _rev: 2 });
  }, 120_000);

  it('when a lagging process meets a taken number, it skips past the deleted ones too', async () => {
    const a = await report('甲楼漏水');
    const b = await report('乙楼漏水');
    const c = await report('丙楼漏水');
    await remove(c);
    await remove(b);
    // Restarted behind: its first try meets `a` (or older), the collision reads where the
    // numbering stands instead of stepping into `b` and `c`, which were handed out.
    forgetNumberings();
    const next = await report('丁楼漏水');
    expect(next._n).toBeGreaterThan(c._n as number);
    await expect(edit(next, '丁楼换管')).resolves.toMatchObject({ _rev: 2 });
    expect(a._n).toBeLessThan(b._n as number);
  }, 120_000);
});
