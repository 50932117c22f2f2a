// std.service-directory (issue 15) over HTTP against the real database: published and installed
// from the registry like a vendor plugin, configured by the operator, refused bad places.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../server/src/testing/database';
import { A, standardPlugin, startWorld, type Who, type World } from './dataplane-kit';

const db = useTestDatabase('api-service-directory');
const directory = standardPlugin('service-directory');
let w: World;

const installation = `/api/v1/communities/${A}/installations/${directory.id}`;
const call = (who: Who | null, method: string, body?: unknown) =>
  w.t.call(method, installation, {
    ...(who ? { as: w.tokens[who] } : {}),
    ...(body === undefined ? {} : { body }),
  });
const clinic = {
  name: '社区卫生服务站',
  category: 'clinic',
  address: '翠苑路 88 号',
  hours: '8:00–17:00',
  phone: '0571-8888 1200',
  walkMinutes: 4,
};

beforeAll(async () => {
  w = await startWorld(db.connection(), [directory]);
});
afterAll(() => w?.t.close());

describe('std.service-directory', () => {
  it('is installed from the registry with an empty list the operator fills in', async () => {
    const before = await call('operatorA', 'GET');
    expect(before.status).toBe(200);
    expect(before.json.config.places).toEqual([]);
    const bus = { name: '翠苑新村站', category: 'bus', walkMinutes: 2 };
    const saved = await call('operatorA', 'PATCH', {
      config: { ...before.json.config, places: [clinic, bus] },
    });
    expect(saved.status).toBe(200);
    const after = await call('operatorA', 'GET');
    expect(after.json.config.places).toEqual([clinic, bus]);
  });

  it.each([
    ['a walk of no minutes', { ...clinic, walkMinutes: 0 }, '/places/0/walkMinutes'],
    ['a phone number that is not one', { ...clinic, phone: 'call me' }, '/places/0/phone'],
    ['an unknown category', { ...clinic, category: 'bar' }, '/places/0/category'],
    ['a place without a name', { ...clinic, name: undefined }, '/places/0'],
  ])('refuses %s with a 400 and keeps the list as it was', async (_what, place, pointer) => {
    const before = (await call('operatorA', 'GET')).json.config;
    const r = await call('operatorA', 'PATCH', { config: { ...before, places: [place] } });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('validation_failed');
    expect(JSON.stringify(r.json.error.details)).toContain(pointer);
    expect((await call('operatorA', 'GET')).json.config).toEqual(before);
  });

  it('lets only the operator change the places', async () => {
    const before = (await call('operatorA', 'GET')).json.config;
    for (const who of ['residentA', 'staffA'] as const) {
      const r = await call(who, 'PATCH', { config: { ...before, places: [] } });
      expect(r.status, who).toBe(403);
    }
    expect((await call('operatorA', 'GET')).json.config).toEqual(before);
  });
});
