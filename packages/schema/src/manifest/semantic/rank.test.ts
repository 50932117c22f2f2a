import { describe, expect, it } from 'vitest';
import { figuresExampleManifest } from '../../aggregate/example';
import { validateManifest } from '../validate';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- broken fixtures deliberately leave the type
type Loose = any;
const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** The worked volunteer-hours example with a leaderboard of those who opted in. */
function withBoard(): Loose {
  const m: Loose = structuredClone(figuresExampleManifest());
  m.permissions = [{ scope: 'pii:read', reason: t('榜上显示姓名', 'Names on the board') }];
  m.collections.board = {
    schemaVersion: 1,
    schema: {
      type: 'object',
      properties: {
        name: { type: 'string', maxLength: 40, 'x-pii': 'name' },
        onBoard: { type: 'boolean' },
      },
      required: ['onBoard'],
    },
    access: { read: [{ roles: ['resident'] }] },
    retention: { days: 365 },
    privacy: { clear: [{ fields: ['name'], roles: ['operator'] }] },
  };
  m.actions.joinBoard = {
    type: 'create',
    collection: 'board',
    label: t('上榜', 'Join'),
    roles: ['resident'],
    input: {
      type: 'object',
      properties: { onBoard: { type: 'boolean' } },
      required: ['onBoard'],
    },
    set: { name: { var: 'user.displayName' } },
    once: {},
  };
  m.queries.leaderboard = {
    collection: 'shifts',
    kind: 'aggregate',
    scope: 'community',
    roles: ['resident', 'operator'],
    measures: [{ id: 'hours', op: 'sum', field: 'hours' }],
    range: { field: 'date', default: { from: { var: 'startOfYear' } }, maxDays: 400 },
    rank: {
      person: 'createdBy',
      top: 10,
      optIn: { collection: 'board', field: 'onBoard' },
      name: 'name',
    },
  };
  return m;
}
const rankIssues = (m: unknown) => {
  const r = validateManifest(m);
  return [...r.errors, ...r.warnings]
    .filter((i) => i.code === 'aggregate.rank' || i.code.startsWith('schema.'))
    .map((i) => i.pointer);
};

describe('the checker on rank (a leaderboard of those who opted in)', () => {
  it('accepts a ranking by person over a collection of opt-ins', () => {
    expect(validateManifest(withBoard()).errors).toEqual([]);
  });

  it('refuses a readable-scope, grouped or bucketed ranking', () => {
    const readable = withBoard();
    delete readable.queries.leaderboard.scope;
    expect(rankIssues(readable)).toContain('/queries/leaderboard/rank');
    const grouped = withBoard();
    grouped.queries.leaderboard.groupBy = 'kind';
    expect(rankIssues(grouped)).toContain('/queries/leaderboard/rank');
  });

  it('names the person, the opt-in and the name fields that do not fit', () => {
    const m = withBoard();
    m.queries.leaderboard.rank.person = 'kind';
    m.queries.leaderboard.rank.optIn.field = 'name';
    m.queries.leaderboard.rank.name = 'onBoard';
    expect(rankIssues(m).sort()).toEqual([
      '/queries/leaderboard/rank/name',
      '/queries/leaderboard/rank/optIn/field',
      '/queries/leaderboard/rank/person',
    ]);
    const missing = withBoard();
    missing.queries.leaderboard.rank.optIn.collection = 'nowhere';
    expect(rankIssues(missing)).toEqual(['/queries/leaderboard/rank/optIn/collection']);
  });

  it('needs one opt-in record per person: every create into it once, named', () => {
    const many = withBoard();
    delete many.actions.joinBoard.once;
    expect(rankIssues(many)).toEqual(['/queries/leaderboard/rank/optIn/collection']);
    const anonymous = withBoard();
    anonymous.actions.joinBoard.once = { anonymous: true };
    anonymous.actions.joinBoard.set = {};
    expect(rankIssues(anonymous)).toContain('/queries/leaderboard/rank/optIn/collection');
  });

  it('rank only on aggregates', () => {
    const m = withBoard();
    m.queries.mine.rank = m.queries.leaderboard.rank;
    expect(validateManifest(m).errors.map((i) => i.pointer)).toContain('/queries/mine/rank');
  });
});
