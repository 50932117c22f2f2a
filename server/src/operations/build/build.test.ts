import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../testing/database';
import { sessionFor, startTestServer, type TestServer } from '../../testing/server';

const db = useTestDatabase('build-stages');
let t: TestServer;
let admin: string;
const tokens: Record<string, string> = {};

// 12:00 on 30 November in Hangzhou.
const NOW = new Date('2026-11-30T04:00:00Z');
const TREE = [
  { id: 'zj', name: '浙江省', level: 'province' },
  { id: 'zj-hz', name: '杭州市', level: 'city', parentId: 'zj' },
  { id: 'zj-hz-xh', name: '西湖区', level: 'district', parentId: 'zj-hz' },
  { id: 'zj-hz-gs', name: '拱墅区', level: 'district', parentId: 'zj-hz' },
  { id: 'xh-bsq', name: '北山街道', level: 'street', parentId: 'zj-hz-xh' },
  { id: 'gs-hs', name: '和睦街道', level: 'street', parentId: 'zj-hz-gs' },
];
const PLACES = { 'bs-one': 'xh-bsq', 'bs-two': 'xh-bsq', 'hs-one': 'gs-hs' } as const;
const plan = {
  stage: 'building',
  milestones: [
    { key: 'design', name: '方案批复', planned: '2026-09-01', done: '2026-08-28' },
    { key: 'works', name: '主体施工完成', planned: '2026-11-29', done: null },
    { key: 'accept', name: '竣工验收', planned: '2026-11-30', done: null },
  ],
};
const put = (id: string, as: string, body: unknown = plan) =>
  t.call('PUT', `/api/v1/communities/${id}/build`, { as, body });

beforeAll(async () => {
  t = await startTestServer(db.connection());
  t.services.dataPlane.now = () => NOW;
  admin = (await sessionFor(t.services, { username: 'b-admin', platformRoles: ['admin'] })).token;
  for (const body of TREE)
    expect((await t.call('POST', '/api/v1/regions', { as: admin, body })).status).toBe(201);
  for (const [id, street] of Object.entries(PLACES)) {
    await t.call('POST', '/api/v1/communities', {
      as: admin,
      body: { id, name: `社区 ${id}`, city: '杭州', district: 'x', type: 'new-build' },
    });
    await t.call('PUT', `/api/v1/regions/${street}/communities/${id}`, { as: admin });
  }
  const supervisor = async (name: string, regionId: string) => {
    const s = await sessionFor(t.services, { username: name });
    await t.call('PUT', `/api/v1/regions/${regionId}/supervisors/${s.accountId}`, { as: admin });
    tokens[name] = s.token;
  };
  await supervisor('district-xh', 'zj-hz-xh');
  await supervisor('district-gs', 'zj-hz-gs');
  await supervisor('province', 'zj');
  await supervisor('street-bsq', 'xh-bsq');
  const op = await sessionFor(t.services, { username: 'op-bs-one' });
  await t.services.members.ensure('bs-one', op.accountId, 'operator');
  tokens.operator = op.token;
  const res = await sessionFor(t.services, { username: 'res-bs-one' });
  await t.services.members.ensure('bs-one', res.accountId, 'resident');
  tokens.resident = res.token;
});
afterAll(() => t.close());

describe('build stages', () => {
  it('the district supervisor and the admin edit; late milestones count in the community’s zone', async () => {
    const saved = await put('bs-one', tokens['district-xh']!);
    expect(saved.status, saved.text).toBe(200);
    expect(saved.json.stage).toBe('building');
    // Planned yesterday and not done: late. Planned today: not yet.
    expect(saved.json.milestones.map((m: { late: boolean }) => m.late)).toEqual([
      false,
      true,
      false,
    ]);
    expect(saved.json.today).toBe('2026-11-30');
    expect((await put('hs-one', admin, { ...plan, stage: 'operating' })).status).toBe(200);
    const read = await t.call('GET', '/api/v1/communities/bs-one/build', { as: tokens.operator });
    expect(read.json).toMatchObject({ stage: 'building', canEdit: false });
    expect(read.json.milestones).toHaveLength(3);
  });

  it('refuses everyone else, and changes nothing when it does', async () => {
    const before = await t.call('GET', '/api/v1/communities/bs-one/build', { as: admin });
    const other = { stage: 'operating', milestones: [] };
    // Province and street supervisors read but do not edit; the operator neither.
    for (const who of ['province', 'street-bsq', 'operator'])
      expect((await put('bs-one', tokens[who]!, other)).status, who).toBe(403);
    // The other district's supervisor does not see the community at all.
    expect((await put('bs-one', tokens['district-gs']!, other)).status).toBe(404);
    expect(
      (await t.call('GET', '/api/v1/communities/bs-one/build', { as: tokens['district-gs'] }))
        .status,
    ).toBe(404);
    expect((await put('bs-one', tokens.resident!, other)).status).toBe(403);
    expect(
      (await t.call('GET', '/api/v1/communities/bs-one/build', { as: tokens.resident })).status,
    ).toBe(403);
    // Malformed input: a clear 400 in the shared error format.
    for (const body of [
      { stage: 'finished', milestones: [] },
      { stage: 'building', milestones: [{ ...plan.milestones[0], planned: '2026-02-30' }] },
      { stage: 'building', milestones: [plan.milestones[0], plan.milestones[0]] },
      { stage: 'building', milestones: [{ ...plan.milestones[0], name: '   ' }] },
    ]) {
      const res = await put('bs-one', admin, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.code).toBeTruthy();
    }
    const after = await t.call('GET', '/api/v1/communities/bs-one/build', { as: admin });
    expect(after.json).toEqual(before.json);
  });

  it('region views count communities per stage and list late milestones, in scope only', async () => {
    const res = await t.call('GET', '/api/v1/regions/zj/build', { as: tokens.province });
    expect(res.status, res.text).toBe(200);
    expect(res.json.stages).toEqual({
      planning: 0,
      building: 1,
      acceptance: 0,
      operating: 1,
      unset: 1,
    });
    expect(res.json.late).toEqual([
      expect.objectContaining({ communityId: 'bs-one', key: 'works', planned: '2026-11-29' }),
      expect.objectContaining({ communityId: 'hs-one', key: 'works' }),
    ]);
    const xh = await t.call('GET', '/api/v1/regions/zj-hz-xh/build', { as: tokens['district-xh'] });
    expect(xh.json.communities).toBe(2);
    expect(xh.text).not.toContain('hs-one');
    expect(
      (await t.call('GET', '/api/v1/regions/zj-hz-gs/build', { as: tokens['district-xh'] })).status,
    ).toBe(404);
    expect((await t.call('GET', '/api/v1/regions/zj/build', { as: tokens.operator })).status).toBe(
      403,
    );
  });
});
