import { ApiError, type Api } from '@scene/client';
import type { QueryAnswer, RecordView } from '@scene/client/records';
import { failureText } from '@scene/renderer';
import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../api/session-user';
import { fakeClient, fakeResource } from '../testing/fake-client';
import { createLiveSource } from './live-source';
import { runtimeUserIn } from './preview-data';

type Asked = [community: string, plugin: string, query: string, params: unknown];

/** A client whose queries answer from `answer` and record what was asked. */
function liveFor(answer: (query: string) => QueryAnswer) {
  const asked: Asked[] = [];
  const api: Api = fakeClient({
    records: fakeResource<Api['records']>('records', {
      async query(c, plugin, query, params) {
        asked.push([c, plugin, query, params]);
        if (query === 'gone') throw new ApiError(404, 'not_found', 'No such record.');
        if (query === 'forbidden') throw new ApiError(403, 'forbidden', 'Not for your roles.');
        return answer(query);
      },
    }),
    points: fakeResource<Api['points']>('points', {
      mine: async () => ({ balance: 42, entries: [], nextCursor: null }),
    }),
  });
  const user = { id: 'op1', displayName: '崔运营', roles: ['operator'] };
  const source = createLiveSource({ api, communityId: 'cuiyuan', user, locale: 'zh-CN' });
  return { source, asked };
}

const ticket = {
  id: 'r1',
  title: '楼道灯不亮',
  contactPhone: '139****0000',
  createdBy: 'u9',
  createdAt: '2026-12-01T02:00:00.000Z',
} as RecordView;

describe('the preview over the community’s live data', () => {
  it('reads each query from the API of its community, records keyed by `_id`', async () => {
    const { source, asked } = liveFor((q) =>
      q === 'openCount'
        ? { kind: 'count', count: 3 }
        : q === 'byStatus'
          ? { kind: 'group', groups: [{ value: 'submitted', count: 3 }] }
          : { kind: 'list', items: [ticket], nextCursor: 'n2' },
    );
    const req = { plugin: 'std.property-repair', filter: { status: 'submitted' } };
    const page = await source.list({ ...req, query: 'queue', limit: 5, cursor: 'c1' });
    // The server masked the phone for the operator; the preview shows it as it came.
    expect(page).toEqual({ items: [{ ...ticket, _id: 'r1' }], nextCursor: 'n2' });
    expect(await source.count({ ...req, query: 'openCount' })).toBe(3);
    expect(await source.group({ ...req, query: 'byStatus' })).toEqual([
      { value: 'submitted', count: 3 },
    ]);
    expect(await source.get({ ...req, query: 'queue', id: 'r1' })).toMatchObject({ _id: 'r1' });
    expect(await source.pointsBalance()).toBe(42);
    expect(asked).toEqual([
      [
        'cuiyuan',
        'std.property-repair',
        'queue',
        { cursor: 'c1', limit: 5, filter: { status: 'submitted' } },
      ],
      ['cuiyuan', 'std.property-repair', 'openCount', { filter: { status: 'submitted' } }],
      ['cuiyuan', 'std.property-repair', 'byStatus', { filter: { status: 'submitted' } }],
      ['cuiyuan', 'std.property-repair', 'queue', { id: 'r1' }],
    ]);
  });

  it('answers a missing record with nothing and lets a refused read fail as in the portal', async () => {
    const { source } = liveFor(() => ({ kind: 'list', items: [], nextCursor: null }));
    expect(await source.get({ plugin: 'p', query: 'gone', id: 'x' })).toBeNull();
    const refused = source.list({ plugin: 'p', query: 'forbidden' });
    await expect(refused).rejects.toMatchObject({ status: 403 });
  });

  it('submits nothing: every write is refused in words the form shows', async () => {
    const { source, asked } = liveFor(() => ({ kind: 'list', items: [], nextCursor: null }));
    const writes: Promise<unknown>[] = [
      source.run({ plugin: 'std.property-repair', action: 'report', input: { title: '漏水' } }),
      source.upload(new File(['x'], 'a.png')),
      source.markRead('m1'),
      source.liftPause!({ plugin: 'p', guard: 'g', accountId: 'a', note: 'n' }),
      source.unmask!({ plugin: 'p', collection: 'tickets', id: 'r1', reason: '回访' }),
    ];
    for (const write of writes) {
      const err = await write.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ApiError);
      expect(err).toMatchObject({ status: 409, code: 'preview_read_only' });
      expect(failureText(err, 'zh-CN')).toBe('预览中不会提交：请在居民门户中操作。');
      expect(failureText(err, 'en')).toBe(
        'Nothing is submitted in a preview: do this in the resident portal.',
      );
    }
    expect(asked).toEqual([]);
  });

  it('reads as the signed-in person with their roles in that community', () => {
    const user: SessionUser = {
      id: 'op1',
      username: 'op-cuiyuan',
      displayName: '崔运营',
      roles: ['operator', 'resident'],
      supervises: null,
      memberships: [
        {
          communityId: 'cuiyuan',
          role: 'operator',
          pluginRoles: ['std.property-repair:repairStaff'],
        },
        { communityId: 'other', role: 'resident', pluginRoles: [] },
      ] as SessionUser['memberships'],
    };
    expect(runtimeUserIn(user, 'cuiyuan')).toEqual({
      id: 'op1',
      displayName: '崔运营',
      roles: ['operator', 'std.property-repair:repairStaff'],
      communityId: 'cuiyuan',
    });
    expect(runtimeUserIn(null, 'cuiyuan')).toBeNull();
  });
});
