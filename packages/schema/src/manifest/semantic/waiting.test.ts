import { describe, expect, it } from 'vitest';
import { exampleManifest } from '../example';
import { validateManifest } from '../validate';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- broken fixtures deliberately leave the type
type Loose = any;

const found = (m: unknown) => {
  const r = validateManifest(m);
  return [...r.errors, ...r.warnings].map((i) => [i.pointer, i.code]);
};

/** The example with a count of open tickets for its staff queue. */
function withWaiting(): Loose {
  const m: Loose = structuredClone(exampleManifest());
  m.queries.waiting = {
    collection: 'tickets',
    kind: 'count',
    roles: ['plugin:technician', 'operator'],
    where: { field: 'status', op: 'eq', value: 'submitted' },
  };
  m.views.find((v: Loose) => v.id === 'queue').waiting = { query: 'waiting' };
  return m;
}
const index = (m: Loose, id: string) => m.views.findIndex((v: Loose) => v.id === id);

describe('waiting: what waits for staff, counted for 工作台', () => {
  it('accepts a count query on a staff page', () => {
    const r = validateManifest(withWaiting());
    expect(r.errors).toEqual([]);
    expect(r.warnings.map((w) => w.code)).not.toContain('view.queryRoles');
  });

  it('refuses it on a resident page, over a list query or an unknown query', () => {
    const m = withWaiting();
    m.views[index(m, 'mine')].waiting = { query: 'waiting' };
    const q = index(m, 'queue');
    expect(found(m)).toContainEqual([`/views/${index(m, 'mine')}/waiting`, 'view.waiting']);
    m.views[q].waiting = { query: 'queue' };
    expect(found(m)).toContainEqual([`/views/${q}/waiting/query`, 'view.waiting']);
    m.views[q].waiting = { query: 'nowhere' };
    expect(found(m)).toContainEqual([`/views/${q}/waiting/query`, 'ref.query']);
    m.views[q].waiting = { query: 'waiting', extra: 1 };
    expect(validateManifest(m).errors.length).toBeGreaterThan(0);
  });

  it('warns when the roles that open the page may not run the count', () => {
    const m = withWaiting();
    m.queries.waiting.roles = ['operator'];
    const q = index(m, 'queue');
    expect(found(m)).toContainEqual([`/views/${q}/waiting/query`, 'view.queryRoles']);
  });
});
