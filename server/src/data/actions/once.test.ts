// "Answer once" on create actions: one record per person per parent, claimed by a keyed hash;
// anonymous records name nobody and keep no time finer than the local day.
import { beforeAll, describe, expect, it } from 'vitest';
import { exampleManifest, validateManifest, type PluginManifest } from '@scene/schema';
import { useTestDatabase } from '../../testing/database';
import { IDEMPOTENCY, ONCE_CLAIMS, recordCollectionName } from '../records/names';
import { member, testDataPlane, type TestDataPlane } from '../records/test-kit';
import { runAction } from './service';

const db = useTestDatabase('once');
const NAMED = 'c-once-named';
const ANON = 'c-once-anon';
const P = 'acme.polls';
const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });

function polls(): PluginManifest {
  const base = exampleManifest(P);
  return {
    ...base,
    manifestVersion: 2,
    permissions: [],
    roles: [],
    config: {
      type: 'object',
      properties: { anonymous: { type: 'boolean', default: false } },
    },
    collections: {
      polls: {
        schemaVersion: 1,
        schema: {
          type: 'object',
          properties: { title: { type: 'string', maxLength: 40 } },
          required: ['title'],
        },
        access: { read: [{ roles: ['operator', 'resident'] }] },
      },
      answers: {
        schemaVersion: 1,
        schema: {
          type: 'object',
          properties: {
            pollId: { type: 'string', maxLength: 24 },
            choice: { type: 'string', enum: ['yes', 'no'] },
          },
          required: ['pollId', 'choice'],
        },
        access: { read: [{ roles: ['operator'] }] },
        // One "no" per poll: a full rule refuses the write after the answer was claimed.
        capacity: [
          { key: ['pollId'], limit: 1, where: { field: 'choice', op: 'eq', value: 'no' } },
        ],
      },
    },
    actions: {
      open: {
        type: 'create',
        collection: 'polls',
        label: t('发起', 'Open'),
        roles: ['operator'],
        input: {
          type: 'object',
          properties: { title: { type: 'string', maxLength: 40 } },
          required: ['title'],
        },
      },
      answer: {
        type: 'create',
        collection: 'answers',
        label: t('作答', 'Answer'),
        roles: ['resident'],
        input: {
          type: 'object',
          properties: {
            pollId: { type: 'string', maxLength: 24 },
            choice: { type: 'string', enum: ['yes', 'no'] },
          },
          required: ['pollId', 'choice'],
        },
        parent: { field: 'pollId', collection: 'polls' },
        once: {
          anonymous: { bind: 'config.anonymous' },
          message: t('您已经回答过了。', 'You have answered already.'),
        },
      },
    },
    queries: {},
    views: [],
  };
}

let dp: TestDataPlane;
const op = (c: string) => member(c, ['operator'], 'op');
const answers = () => db.connection().db!.collection(recordCollectionName(P, 'answers'));
const claims = () => db.connection().db!.collection(ONCE_CLAIMS);

async function openPoll(c: string): Promise<string> {
  const res = await runAction(dp, {
    communityId: c,
    pluginId: P,
    action: 'open',
    caller: op(c),
    input: { title: '加装电梯' },
  });
  return (res.body.record as { id: string }).id;
}

const answer = (
  c: string,
  caller: ReturnType<typeof member>,
  pollId: string,
  key?: string,
  choice = 'yes',
) =>
  runAction(dp, {
    communityId: c,
    pluginId: P,
    action: 'answer',
    caller,
    input: { pollId, choice },
    ...(key ? { idempotencyKey: key } : {}),
  });

beforeAll(async () => {
  expect(validateManifest(polls()).errors).toEqual([]);
  dp = await testDataPlane(db.connection());
  await dp.install(NAMED, polls());
  await dp.install(ANON, polls(), { anonymous: true });
});

describe('once on a create action', () => {
  it('takes one answer per person per parent; a second one is a 409 with the plugin message', async () => {
    const poll = await openPoll(NAMED);
    const other = await openPoll(NAMED);
    const me = member(NAMED, ['resident'], 'me');
    const first = await answer(NAMED, me, poll);
    expect(first.status).toBe(201);
    expect(await answers().countDocuments({ pollId: poll, createdBy: me.accountId })).toBe(1);
    await expect(answer(NAMED, me, poll)).rejects.toMatchObject({
      status: 409,
      code: 'conflict',
      details: { code: 'already_done', message: { en: 'You have answered already.' } },
    });
    expect(await answers().countDocuments({ pollId: poll })).toBe(1);
    // Another poll, and another person, are answers of their own.
    expect((await answer(NAMED, me, other)).status).toBe(201);
    expect((await answer(NAMED, member(NAMED, ['resident'], 'nb'), poll)).status).toBe(201);
  });

  it('lets exactly one of many concurrent answers by one person through', async () => {
    const poll = await openPoll(NAMED);
    const me = member(NAMED, ['resident'], 'racer');
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => answer(NAMED, me, poll)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await answers().countDocuments({ pollId: poll })).toBe(1);
  });

  it('stores an anonymous answer with no author, no time finer than the day and no id time', async () => {
    dp.clock.now = new Date('2026-03-10T07:23:45.678Z'); // 15:23 in Shanghai
    try {
      const poll = await openPoll(ANON);
      const me = member(ANON, ['resident'], 'anon');
      const res = await answer(ANON, me, poll, 'anon-key-0001');
      expect(res.status).toBe(201);
      const stored = await answers().find({ pollId: poll }).toArray();
      expect(stored).toHaveLength(1);
      const doc = stored[0]!;
      expect(doc.createdBy).toBe('anonymous');
      expect(doc.actedBy).toBeUndefined();
      expect(doc.createdAt).toBe('2026-03-09T16:00:00.000Z'); // local midnight of 10 March
      expect(doc.updatedAt).toBe(doc.createdAt);
      expect(JSON.stringify(doc)).not.toContain(me.accountId);
      // An ObjectId's first 4 bytes are its creation second: an anonymous id carries no time.
      const idSeconds = parseInt(String(doc._id).slice(0, 8), 16);
      expect(Math.abs(idSeconds - dp.clock.now.getTime() / 1000)).toBeGreaterThan(60);
      // Neither the claim nor a stored Idempotency-Key answer names the person or the record.
      const mine = await claims().find({ communityId: ANON }).toArray();
      expect(mine.length).toBeGreaterThan(0);
      for (const c of mine) {
        expect(Object.keys(c).sort()).toEqual(['_id', 'communityId', 'pluginId']);
        expect(String(c._id)).not.toContain(me.accountId);
      }
      expect(
        await db
          .connection()
          .db!.collection(IDEMPOTENCY)
          .countDocuments({ accountId: me.accountId }),
      ).toBe(0);
      // Anonymous, and still only once — also when the client retries with its key.
      await expect(answer(ANON, me, poll, 'anon-key-0001')).rejects.toMatchObject({
        status: 409,
        details: { code: 'already_done' },
      });
      await expect(answer(ANON, me, poll)).rejects.toMatchObject({ status: 409 });
      expect(await answers().countDocuments({ pollId: poll })).toBe(1);
    } finally {
      dp.clock.now = new Date();
    }
  });

  it('gives the claim back when the answer cannot be written, so the person may try again', async () => {
    const poll = await openPoll(NAMED);
    expect(
      (await answer(NAMED, member(NAMED, ['resident'], 'no'), poll, undefined, 'no')).status,
    ).toBe(201);
    const me = member(NAMED, ['resident'], 'retry');
    await expect(answer(NAMED, me, poll, undefined, 'no')).rejects.toMatchObject({ status: 409 });
    expect(await answers().countDocuments({ pollId: poll, createdBy: me.accountId })).toBe(0);
    expect((await answer(NAMED, me, poll)).status).toBe(201);
  });
});

describe('once in the checker', () => {
  const codes = (m: PluginManifest) => validateManifest(m).errors.map((e) => e.code);
  const withAnswer = (patch: Record<string, unknown>): PluginManifest => {
    const m = polls();
    Object.assign(m.actions.answer!, patch);
    return m;
  };

  it('needs manifest version 2', () => {
    expect(codes({ ...polls(), manifestVersion: 1 })).toContain('version.part');
  });

  it('refuses what would name the author of an anonymous answer', () => {
    expect(
      codes(
        withAnswer({
          points: { amount: 1, to: 'actor', reason: t('作答', 'Answered') },
        }),
      ),
    ).toContain('once.anonymous.points');
    expect(
      codes(withAnswer({ notify: [{ to: { owner: true }, title: t('谢谢', 'Thanks') }] })),
    ).toContain('once.anonymous.notify');
    expect(codes(withAnswer({ set: { who: { var: 'user.id' } } }))).toContain('once.anonymous.set');
    expect(codes(withAnswer({ onBehalf: true }))).toContain('once.anonymous.onBehalf');
    // A named survey may thank its author.
    expect(
      codes(
        withAnswer({
          once: { anonymous: false },
          notify: [{ to: { owner: true }, title: t('谢谢', 'Thanks') }],
        }),
      ),
    ).not.toContain('once.anonymous.notify');
  });

  it('opens an action to visitors only with once, and refuses what a visitor cannot be', () => {
    const open = { anonymous: true, visitors: true };
    expect(codes(withAnswer({ once: open }))).toEqual([]);
    expect(
      codes(
        withAnswer({
          once: { visitors: { field: 'config.audience', op: 'eq', value: 'everyone' } },
        }),
      ),
    ).toEqual([]);
    // `visitors` lives in `once`: an action without it cannot take visitors at all.
    expect(codes(withAnswer({ visitors: true }))).not.toEqual([]);
    expect(
      codes(
        withAnswer({
          once: open,
          points: { amount: 1, to: 'actor', reason: t('作答', 'Answered') },
        }),
      ),
    ).toContain('once.visitors.points');
    expect(
      codes(withAnswer({ once: { visitors: true }, set: { who: { var: 'user.displayName' } } })),
    ).toContain('once.visitors.set');
    expect(
      codes(
        withAnswer({
          once: { visitors: true },
          notify: [{ to: { owner: true }, title: t('谢谢', 'Thanks') }],
        }),
      ),
    ).toContain('once.visitors.notify');
    expect(
      codes(withAnswer({ once: { visitors: { field: 'choice', op: 'eq', value: 'yes' } } })),
    ).toContain('once.visitors.filter');
    const pii = polls();
    pii.actions.answer = { ...pii.actions.answer!, once: { visitors: true } } as never;
    pii.collections.answers!.schema.properties = {
      ...pii.collections.answers!.schema.properties,
      phone: { type: 'string', maxLength: 11, 'x-pii': 'phone' },
    } as never;
    expect(codes(pii)).toContain('once.visitors.pii');
  });
});
