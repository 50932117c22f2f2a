// Recurring records: one create expands into a bounded series (rrule), all or nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { exampleManifest, validateManifest, type PluginManifest } from '@scene/schema';
import { useTestDatabase } from '../../testing/database';
import { recordCollectionName } from '../records/names';
import { member, testDataPlane, type TestDataPlane } from '../records/test-kit';
import { runAction } from './service';

const db = useTestDatabase('repeat');
const C = 'c-repeat';
const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });

function classes(): PluginManifest {
  const base = exampleManifest('acme.classes');
  return {
    ...base,
    manifestVersion: 2,
    permissions: [],
    roles: [],
    collections: {
      sessions: {
        schemaVersion: 1,
        schema: {
          type: 'object',
          properties: {
            title: { type: 'string', maxLength: 40 },
            date: { type: 'string', format: 'date' },
            recurrence: { type: 'string', maxLength: 200 },
            seriesId: { type: 'string', maxLength: 24 },
            code: { type: 'string', maxLength: 6 },
            no: { type: 'integer', minimum: 1 },
          },
          required: ['title', 'date'],
        },
        access: { read: [{ roles: ['operator', 'resident'] }] },
        capacity: [{ key: ['date'], limit: 1 }],
      },
    },
    actions: {
      schedule: {
        type: 'create',
        collection: 'sessions',
        label: t('排课', 'Schedule'),
        roles: ['operator'],
        input: {
          type: 'object',
          properties: {
            title: { type: 'string', maxLength: 40 },
            date: { type: 'string', format: 'date' },
            recurrence: { type: 'string', maxLength: 200 },
          },
          required: ['title', 'date'],
        },
        repeat: { rule: 'recurrence', dateField: 'date', max: 4 },
        set: { code: { var: 'code' }, no: { var: 'seq' } },
      },
    },
    queries: {},
    views: [],
  };
}

let dp: TestDataPlane;
const op = member(C, ['operator'], 'op');
const sessions = () =>
  db.connection().db!.collection(recordCollectionName('acme.classes', 'sessions'));
const make = (input: Record<string, unknown>) =>
  runAction(dp, {
    communityId: C,
    pluginId: 'acme.classes',
    action: 'schedule',
    caller: op,
    input,
  });

beforeAll(async () => {
  expect(validateManifest(classes()).errors).toEqual([]);
  dp = await testDataPlane(db.connection());
  await dp.install(C, classes());
});

describe('repeat on a create action', () => {
  it('expands a weekly rule into dated records sharing a series id, never beyond max', async () => {
    const r = await make({
      title: '太极',
      date: '2026-03-09',
      recurrence: 'FREQ=WEEKLY;BYDAY=MO,WE;COUNT=3',
    });
    expect(r.body.series).toMatchObject({ count: 3 });
    const docs = await sessions()
      .find({ seriesId: (r.body.series as { id: string }).id })
      .toArray();
    expect(docs.map((d) => d.date).sort()).toEqual(['2026-03-09', '2026-03-11', '2026-03-16']);
    // Each record of the series is a record of its own: its own code (a code typed at the door
    // finds that day's session) and its own number.
    expect(new Set(docs.map((d) => d.code)).size).toBe(3);
    expect(docs.map((d) => d.no).sort()).toEqual([1, 2, 3]);
    // Without COUNT or UNTIL a rule goes on for ever: the declared max (4) bounds it.
    const open = await make({ title: '书法', date: '2026-04-01', recurrence: 'FREQ=DAILY' });
    expect(open.body.series).toMatchObject({ count: 4 });
  });

  it('refuses rules outside the subset with a pointer, creating nothing', async () => {
    const before = await sessions().countDocuments();
    for (const recurrence of ['FREQ=YEARLY', 'FREQ=DAILY;COUNT=2;UNTIL=20260601', 'BYDAY=MO'])
      await expect(make({ title: '舞蹈', date: '2026-05-04', recurrence })).rejects.toMatchObject({
        status: 400,
        details: { issues: [expect.objectContaining({ pointer: '/recurrence' })] },
      });
    expect(await sessions().countDocuments()).toBe(before);
  });

  it('is all or nothing: one full date refuses the whole series', async () => {
    await make({ title: '占用', date: '2026-06-08', recurrence: 'FREQ=DAILY;COUNT=1' });
    await expect(
      make({ title: '围棋', date: '2026-06-01', recurrence: 'FREQ=WEEKLY;COUNT=3' }),
    ).rejects.toMatchObject({ status: 409, details: { code: 'capacity_full' } });
    expect(await sessions().countDocuments({ title: '围棋' })).toBe(0);
    // The places it took on the other dates were given back.
    await expect(
      make({ title: '象棋', date: '2026-06-01', recurrence: 'FREQ=DAILY;COUNT=1' }),
    ).resolves.toMatchObject({ status: 201 });
  });

  it('the manifest must declare seriesId and take the rule as input text', () => {
    const m = classes();
    delete m.collections.sessions!.schema.properties!.seriesId;
    (m.actions.schedule as { repeat: { rule: string } }).repeat.rule = 'title2';
    expect(validateManifest(m).errors.map((e) => `${e.pointer} ${e.code}`)).toEqual([
      '/actions/schedule/repeat repeat.seriesId',
      '/actions/schedule/repeat/rule repeat.rule',
    ]);
  });
});
