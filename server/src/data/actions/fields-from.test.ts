// A create action whose fields come from the installation's config (a survey's questions),
// open between two configured dates.
import { beforeAll, describe, expect, it } from 'vitest';
import { exampleManifest, validateManifest, type PluginManifest } from '@scene/schema';
import { useTestDatabase } from '../../testing/database';
import { recordCollectionName } from '../records/names';
import { member, testDataPlane, type TestDataPlane } from '../records/test-kit';
import { runAction } from './service';

const db = useTestDatabase('fields-from');
const C = 'c-fields-from';
const P = 'acme.quiz';
const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const text = (n: number) => ({ type: 'string', maxLength: n }) as const;

function quiz(): PluginManifest {
  const base = exampleManifest(P);
  return {
    ...base,
    manifestVersion: 2,
    permissions: [],
    roles: [],
    config: {
      type: 'object',
      properties: {
        opensOn: { type: 'string', format: 'date' },
        closesOn: { type: 'string', format: 'date' },
        questions: {
          type: 'array',
          maxItems: 30,
          items: {
            type: 'object',
            properties: {
              id: text(20),
              title: text(100),
              type: { type: 'string', enum: ['single', 'multiple', 'rating', 'text'] },
              required: { type: 'boolean' },
              options: { type: 'array', maxItems: 10, items: text(30) },
            },
            required: ['id', 'title', 'type'],
          },
        },
      },
    },
    collections: {
      answers: {
        schemaVersion: 1,
        schema: {
          type: 'object',
          properties: {
            opensOn: { type: 'string', format: 'date' },
            closesOn: { type: 'string', format: 'date' },
            answers: {
              type: 'array',
              maxItems: 30,
              items: {
                type: 'object',
                properties: {
                  q: text(20),
                  choice: text(30),
                  choices: { type: 'array', maxItems: 10, items: text(30) },
                  rating: { type: 'integer', minimum: 1, maximum: 5 },
                  text: text(50),
                },
                required: ['q'],
              },
            },
          },
          required: ['answers'],
        },
        access: { read: [{ roles: ['operator'] }] },
      },
    },
    actions: {
      answer: {
        type: 'create',
        collection: 'answers',
        label: t('提交', 'Submit'),
        roles: ['resident'],
        fieldsFrom: {
          bind: 'config.questions',
          field: 'answers',
          types: { single: 'choice', multiple: 'choices', rating: 'rating', text: 'text' },
        },
        set: { opensOn: { var: 'config.opensOn' }, closesOn: { var: 'config.closesOn' } },
        opens: { date: 'opensOn', time: '00:00' },
        deadline: { date: 'closesOn', time: '00:00', offsetDays: 1 },
      },
    },
    queries: {},
    views: [],
  };
}

const config = {
  opensOn: '2026-03-01',
  closesOn: '2026-03-15',
  questions: [
    { id: 'overall', title: '总体满意度', type: 'rating', required: true },
    { id: 'best', title: '最满意', type: 'multiple', options: ['环境', '服务'] },
    { id: 'stay', title: '愿意长住', type: 'single', options: ['是', '否'], required: true },
    { id: 'ideas', title: '建议', type: 'text' },
  ],
};

let dp: TestDataPlane;
const answers = () => db.connection().db!.collection(recordCollectionName(P, 'answers'));
const send = (input: unknown) =>
  runAction(dp, {
    communityId: C,
    pluginId: P,
    action: 'answer',
    caller: member(C, ['resident'], 'r'),
    input,
  });

beforeAll(async () => {
  expect(validateManifest(quiz()).errors).toEqual([]);
  dp = await testDataPlane(db.connection());
  await dp.install(C, quiz(), config);
});

describe('fieldsFrom and opens on a create action', () => {
  it('stores answers checked against the questions in config', async () => {
    dp.clock.now = new Date('2026-03-05T02:00:00Z');
    const res = await send({
      answers: { overall: 5, best: ['服务'], stay: '是', ideas: '加装电梯' },
    });
    expect(res.status).toBe(201);
    const doc = await answers().findOne({ _id: (res.body.record as { id: string }).id } as never);
    expect(doc?.answers).toEqual([
      { q: 'overall', rating: 5 },
      { q: 'best', choices: ['服务'] },
      { q: 'stay', choice: '是' },
      { q: 'ideas', text: '加装电梯' },
    ]);
  });

  it('refuses a missing required answer, an option not offered and text over the limit', async () => {
    dp.clock.now = new Date('2026-03-05T02:00:00Z');
    const before = await answers().countDocuments();
    await expect(
      send({ answers: { best: ['停车'], ideas: 'x'.repeat(51) } }),
    ).rejects.toMatchObject({
      status: 400,
      code: 'validation_failed',
      details: {
        issues: expect.arrayContaining([
          expect.objectContaining({ pointer: '/answers/overall', code: 'required' }),
          expect.objectContaining({ pointer: '/answers/best', code: 'options' }),
          expect.objectContaining({ pointer: '/answers/stay', code: 'required' }),
          expect.objectContaining({ pointer: '/answers/ideas', code: 'text' }),
        ]),
      },
    });
    await expect(send({ answers: { overall: 3, stay: '是' }, extra: 1 })).rejects.toMatchObject({
      status: 400,
    });
    expect(await answers().countDocuments()).toBe(before);
  });

  it('is refused before the open date and after the close date (local days)', async () => {
    const ok = { answers: { overall: 4, stay: '否' } };
    dp.clock.now = new Date('2026-02-28T15:59:00Z'); // 23:59 on 28 Feb in Shanghai
    await expect(send(ok)).rejects.toMatchObject({
      status: 409,
      details: { code: 'not_open_yet' },
    });
    dp.clock.now = new Date('2026-02-28T16:00:00Z'); // midnight, 1 March
    expect((await send(ok)).status).toBe(201);
    dp.clock.now = new Date('2026-03-15T15:59:00Z'); // 23:59 on the close date
    expect((await send(ok)).status).toBe(201);
    dp.clock.now = new Date('2026-03-15T16:00:00Z'); // 16 March
    await expect(send(ok)).rejects.toMatchObject({
      status: 409,
      details: { code: 'deadline_passed' },
    });
  });
});

describe('fieldsFrom in the checker', () => {
  const codes = (m: PluginManifest) => validateManifest(m).errors.map((e) => e.code);
  it('needs a config array of entries and an answer list with a place for each kind', () => {
    const noConfig = quiz();
    (noConfig.actions.answer as { fieldsFrom: { bind: string } }).fieldsFrom.bind =
      'config.opensOn';
    expect(codes(noConfig)).toContain('fieldsFrom.bind');
    const noRating = quiz();
    const items = (
      noRating.collections.answers!.schema.properties!.answers as {
        items: { properties: Record<string, unknown> };
      }
    ).items;
    delete items.properties.rating;
    expect(codes(noRating)).toContain('fieldsFrom.kind');
    const inInput = quiz();
    inInput.actions.answer!.input = {
      type: 'object',
      properties: { answers: { type: 'array', maxItems: 1, items: text(3) } },
    };
    expect(codes(inInput)).toContain('fieldsFrom.input');
  });
});
