import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ACTOR, manifest } from '../../testing/control-plane';
import { useTestDatabase } from '../../testing/database';
import { sessionFor, startTestServer, type TestServer } from '../../testing/server';

const db = useTestDatabase('registry-fixtures');
let t: TestServer;
let vendor: string;
let other: string;
let operator: string;

const good = {
  config: { title: '小区报修' },
  records: {
    tickets: [
      {
        _id: 't1',
        createdBy: 'u1',
        createdAt: '2025-05-01T08:00:00.000Z',
        title: '楼道灯不亮',
        phone: '13800000000',
        status: 'submitted',
      },
    ],
  },
};
const path = (id: string, version = '1.0.0') =>
  `/api/v1/plugins/${id}/versions/${version}/fixtures`;

async function publish(id: string, version = '1.0.0') {
  const res = await t.call('POST', '/api/v1/plugins', {
    as: vendor,
    body: manifest(id, { version }),
  });
  expect(res.status).toBe(201);
}

beforeAll(async () => {
  t = await startTestServer(db.connection());
  vendor = (
    await sessionFor(t.services, { username: 'acme', platformRoles: ['vendor'], vendorId: 'acme' })
  ).token;
  other = (
    await sessionFor(t.services, { username: 'zeta', platformRoles: ['vendor'], vendorId: 'zeta' })
  ).token;
  operator = (await sessionFor(t.services, { username: 'op' })).token;
});
afterAll(() => t.close());

describe('plugin fixtures in the registry', () => {
  it('publishes a version with its example data, reads it back, and keeps it immutable', async () => {
    await publish('acme.repairs');
    const res = await t.call('POST', path('acme.repairs'), { as: vendor, body: good });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ pluginId: 'acme.repairs', version: '1.0.0', ...good });
    expect(res.json.checksum).toMatch(/^[0-9a-f]{64}$/);

    const read = await t.call('GET', path('acme.repairs'), { as: vendor });
    expect(read.status).toBe(200);
    expect(read.json).toEqual(res.json);

    const again = await t.call('POST', path('acme.repairs'), {
      as: vendor,
      body: { ...good, config: { title: '换一个' } },
    });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('fixtures_exist');
    expect((await t.call('GET', path('acme.repairs'), { as: vendor })).json.config).toEqual(
      good.config,
    );
  });

  it('refuses data that does not match the manifest, pointing at each problem, storing nothing', async () => {
    await publish('acme.bad-data');
    const res = await t.call('POST', path('acme.bad-data'), {
      as: vendor,
      body: {
        config: { title: 42 },
        records: {
          tickets: [{ _id: 't1', createdBy: 'u1', title: '灯', phone: 'no', status: 'lost' }],
          ghosts: [{ _id: 'g1', createdBy: 'u1' }],
        },
      },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('validation_failed');
    const pointers = (res.json.error.details as { pointer: string }[]).map((d) => d.pointer);
    expect(pointers).toEqual(
      expect.arrayContaining([
        '/config/title',
        '/records/tickets/0/title',
        '/records/tickets/0/phone',
        '/records/tickets/0/status',
        '/records/ghosts',
      ]),
    );
    expect(res.json.error.details[0].messages['zh-CN']).toBeTruthy();
    const none = await t.call('GET', path('acme.bad-data'), { as: vendor });
    expect(none.status).toBe(404);
    expect(none.json.error.code).toBe('no_fixtures');
    // The refusal stored nothing: corrected data is accepted afterwards.
    expect((await t.call('POST', path('acme.bad-data'), { as: vendor, body: good })).status).toBe(
      201,
    );
  });

  it('refuses records without an id or author, and more records than a preview needs', async () => {
    await publish('acme.many');
    const record = { title: '楼道灯不亮', phone: '13800000000', status: 'submitted' };
    const res = await t.call('POST', path('acme.many'), {
      as: vendor,
      body: {
        config: good.config,
        records: { tickets: [{ ...record, _id: 't1', createdBy: '' }] },
      },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.details[0]).toMatchObject({
      pointer: '/records/tickets/0/createdBy',
      code: 'fixtures.system_field',
    });
    const many = Array.from({ length: 51 }, (_, i) => ({
      ...record,
      _id: `t${i}`,
      createdBy: 'u',
    }));
    const tooMany = await t.call('POST', path('acme.many'), {
      as: vendor,
      body: { config: good.config, records: { tickets: many } },
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.error.details[0].code).toBe('fixtures.too_many');
    const shape = await t.call('POST', path('acme.many'), {
      as: vendor,
      body: { config: good.config, records: { tickets: [{ title: 'x' }] } },
    });
    expect(shape.status).toBe(400);
  });

  it("goes with a version before its review: not another vendor's, not after approval, not for a missing version", async () => {
    await publish('acme.reviewed');
    expect((await t.call('POST', path('acme.reviewed'), { as: other, body: good })).status).toBe(
      403,
    );
    expect(
      (await t.call('POST', path('acme.reviewed', '9.9.9'), { as: vendor, body: good })).status,
    ).toBe(404);
    await t.services.registry.review(ADMIN_ACTOR, 'acme.reviewed', '1.0.0', 'approve');
    const late = await t.call('POST', path('acme.reviewed'), { as: vendor, body: good });
    expect(late.status).toBe(409);
    expect(late.json.error.code).toBe('not_pending');
    // The platform may still add the example data of a version it approved (demo seeds do).
    await t.services.fixtures.publish(ADMIN_ACTOR, 'acme.reviewed', '1.0.0', good);
    const read = await t.call('GET', path('acme.reviewed'), { as: operator });
    expect(read.status).toBe(200);
    expect(read.json.records).toEqual(good.records);
  });

  it('is readable by whoever may read the version: an operator only once it is approved', async () => {
    await publish('acme.hidden');
    await t.call('POST', path('acme.hidden'), { as: vendor, body: good });
    const hidden = await t.call('GET', path('acme.hidden'), { as: operator });
    expect(hidden.status).toBe(404);
    expect(hidden.json.error.code).not.toBe('no_fixtures');
  });
});
