import { describe, expect, it, beforeAll } from 'vitest';
import { useTestDatabase } from '../../testing/database';
import { loadStandardPlugin, member, testDataPlane, type TestDataPlane } from '../records/test-kit';
import { runAction } from './service';
import { runQuery } from '../queries/service';
import { pointsOf } from '../points/service';
import { listInbox } from '../notifications/service';
import { TINY_PNG } from '../../testing/images';
import { DEFAULT_UPLOAD_LIMITS } from '../uploads/limits';
import { openUpload, saveUpload } from '../uploads/service';
import { unmaskRecord } from '../privacy/service';

const db = useTestDatabase('repair');
const repair = loadStandardPlugin('property-repair');
const C = 'c_repair_a';
let dp: TestDataPlane;
const resident = member(C, ['resident'], 'res');
const other = member(C, ['resident'], 'other');
const staff = member(C, ['staff'], 'tech');
const operator = member(C, ['operator'], 'op');

const report = {
  category: 'plumbing',
  locationType: 'room',
  room: '3幢2单元1201',
  title: '厨房水管漏水',
  contactName: '张三丰',
  contactPhone: '13812341234',
};

beforeAll(async () => {
  dp = await testDataPlane(db.connection());
  await dp.install(C, repair);
  dp.members.add(C, staff.accountId, ['staff']);
});

const act = (
  caller: typeof resident,
  action: string,
  recordId?: string,
  input: Record<string, unknown> = {},
) => runAction(dp, { communityId: C, pluginId: repair.id, action, caller, recordId, input });

describe('property repair journey', () => {
  it('report → accept → start → finish → rate, with history, notifications and points', async () => {
    const created = await act(resident, 'report', undefined, report);
    expect(created.status).toBe(201);
    const ticket = created.body.record as Record<string, unknown> & { id: string };
    expect(ticket.status).toBe('submitted');
    expect(ticket.createdBy).toBe(resident.accountId);
    expect(ticket.contactPhone).toBe('13812341234'); // own record: in clear

    await act(staff, 'accept', ticket.id);
    await act(staff, 'start', ticket.id);
    // finishing needs a photo of the work, uploaded by the technician
    await expect(act(staff, 'finish', ticket.id, {})).rejects.toMatchObject({ status: 400 });
    const photo = await saveUpload(
      db.connection().db!,
      { communityId: C, accountId: staff.accountId },
      TINY_PNG,
      DEFAULT_UPLOAD_LIMITS,
    );
    const foreign = await saveUpload(
      db.connection().db!,
      { communityId: C, accountId: other.accountId },
      TINY_PNG,
      DEFAULT_UPLOAD_LIMITS,
    );
    await expect(
      act(staff, 'finish', ticket.id, { photosAfter: [foreign.id] }),
    ).rejects.toMatchObject({ status: 400 });
    const finished = await act(staff, 'finish', ticket.id, { photosAfter: [photo.id] });
    expect((finished.body.record as { status: string }).status).toBe('done');
    // the owner may now see the technician's photo; another resident may not
    await expect(openUpload(dp, C, resident, photo.id)).resolves.toMatchObject({
      contentType: 'image/png',
    });
    await expect(openUpload(dp, C, other, photo.id)).rejects.toMatchObject({ status: 403 });
    const rated = await act(resident, 'rate', ticket.id, { rating: 5, comment: '很好' });
    const rec = rated.body.record as Record<string, unknown>;
    expect(rec.status).toBe('rated');
    expect(
      (rec.history as { from: string; to: string; by: string }[]).map((h) => `${h.from}>${h.to}`),
    ).toEqual(['submitted>accepted', 'accepted>in_progress', 'in_progress>done', 'done>rated']);
    expect(rated.body.pointsAwarded).toBe(5);
    const points = await pointsOf(db.connection().db!, C, resident.accountId, {});
    expect(points.balance).toBe(5);
    // The resident's first notice rode in the staff's job (one write): the worker delivers both.
    await dp.drainNotices();
    const inbox = await listInbox(db.connection().db!, resident.accountId, {});
    expect(inbox.items.map((m) => m.title.en).reverse()).toEqual([
      'Repair request sent',
      'Your repair request was accepted',
      'The technician has started work',
      'Repair finished: please rate it',
    ]);
    expect(inbox.unread).toBe(4);
    const staffInbox = await listInbox(db.connection().db!, staff.accountId, {});
    expect(staffInbox.items.map((m) => m.title.en)).toContain('New repair ticket');
  });

  it('shows contact details in clear to the assigned technician only; the operator unmasks with a reason', async () => {
    const t = (await act(resident, 'report', undefined, report)).body.record as { id: string };
    const queue = async (caller: typeof resident) => {
      const r = await runQuery(dp, {
        communityId: C,
        pluginId: repair.id,
        query: 'queue',
        caller,
        params: { id: t.id },
      });
      if (r.kind !== 'record') throw new Error('record expected');
      return r.item;
    };
    // Not yet assigned: staff and the operator alike see masks.
    expect((await queue(staff)).contactPhone).toBe('138****1234');
    const o = await queue(operator);
    expect(o.contactPhone).toBe('138****1234');
    expect(o.contactName).toBe('张*丰');
    expect(o.room).toBe('3幢****');
    // The technician who accepts it needs to call: the answer already shows the phone.
    const accepted = await act(staff, 'accept', t.id);
    expect((accepted.body.record as Record<string, unknown>).contactPhone).toBe('13812341234');
    expect((await queue(staff)).contactPhone).toBe('13812341234');
    expect((await queue(operator)).contactPhone).toBe('138****1234');

    const unmask = (caller: typeof resident, reason?: string) =>
      unmaskRecord(dp, {
        communityId: C,
        pluginId: repair.id,
        collection: 'tickets',
        recordId: t.id,
        caller,
        reason,
      });
    await expect(unmask(operator)).rejects.toMatchObject({ status: 400 });
    await expect(unmask(operator, '   ')).rejects.toMatchObject({ status: 400 });
    await expect(unmask(other, '想看看')).rejects.toMatchObject({ status: 403 });
    await expect(unmask(staff, '联系报修人')).rejects.toMatchObject({ status: 403 });
    const unmasked = await unmask(operator, '回访');
    expect(unmasked.contactPhone).toBe('13812341234');
    expect(dp.audits.at(-1)).toMatchObject({
      action: 'records.unmask',
      actorId: operator.accountId,
      summary: { fields: ['room', 'contactName', 'contactPhone'], withReason: true },
    });
    expect(JSON.stringify(dp.audits)).not.toContain('13812341234');
    expect(JSON.stringify(dp.audits)).not.toContain('回访');
  });

  it('refuses a resident on another resident’s ticket, staff rating, and a wrong state', async () => {
    const t = (await act(resident, 'report', undefined, report)).body.record as { id: string };
    await expect(act(other, 'cancel', t.id)).rejects.toMatchObject({ status: 404 });
    await expect(act(staff, 'rate', t.id, { rating: 5 })).rejects.toMatchObject({ status: 403 });
    await expect(act(resident, 'rate', t.id, { rating: 5 })).rejects.toMatchObject({ status: 409 });
    const q = await runQuery(dp, {
      communityId: C,
      pluginId: repair.id,
      query: 'myTickets',
      caller: other,
      params: { id: t.id },
    }).catch((e) => e);
    expect(q).toMatchObject({ status: 404 });
  });
});

describe('ticket numbers', () => {
  it('gives every ticket its own 6-digit number, also when many are reported at once', async () => {
    const created = await Promise.all(
      Array.from({ length: 30 }, () => act(resident, 'report', undefined, report)),
    );
    const numbers = created.map((r) => (r.body.record as { ticketNo?: string }).ticketNo);
    for (const n of numbers) expect(n).toMatch(/^[0-9]{6}$/);
    expect(new Set(numbers).size).toBe(numbers.length);
  });
});
