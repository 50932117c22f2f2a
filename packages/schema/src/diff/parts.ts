import type { LocalizedText, PluginManifest } from '../manifest/types';
import type { PluginChange } from './diff';

const t = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });
const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** Equal as JSON, whatever the order of keys (the registry keeps the vendor's order). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bs = b as unknown[];
    return a.length === bs.length && a.every((x, i) => same(x, bs[i]));
  }
  // As JSON has it: a key whose value is undefined is no key.
  const keys = (o: object) =>
    Object.keys(o).filter((k) => (o as Record<string, unknown>)[k] !== undefined);
  const ka = keys(a);
  const kb = keys(b);
  return (
    ka.length === kb.length &&
    ka.every((k) => own(b, k) && same((a as Record<string, unknown>)[k], (b as never)[k]))
  );
}

/**
 * The parts of a plugin that change what it does, not what its records may hold: queries, action
 * rules (beyond their inputs, which diff.ts compares field by field), schedules, roles, metrics,
 * and the views residents see. A vendor and an operator see each of them in a diff; none of them
 * asks for more than a patch version (kind `behaviour` or `annotation`), except a query's removal,
 * which diff.ts reports as breaking.
 */
export function diffParts(prev: PluginManifest, next: PluginManifest): PluginChange[] {
  const changes: PluginChange[] = [];
  const named = <T>(
    area: PluginChange['area'],
    section: string,
    before: Record<string, T>,
    after: Record<string, T>,
    words: { zh: string; en: string },
    opts: { removals?: boolean } = {},
  ) => {
    for (const [name, a] of Object.entries(after)) {
      const pointer = `/${section}/${name}`;
      if (!own(before, name))
        changes.push({
          area,
          name,
          pointer,
          kind: 'behaviour',
          breaking: false,
          message: t(`新增${words.zh} “${name}”。`, `${words.en} "${name}" added.`),
        });
      else if (!same(before[name], a))
        changes.push({
          area,
          name,
          pointer,
          kind: 'behaviour',
          breaking: false,
          message: t(`修改了${words.zh} “${name}”。`, `${words.en} "${name}" changed.`),
        });
    }
    if (opts.removals)
      for (const name of Object.keys(before))
        if (!own(after, name))
          changes.push({
            area,
            name,
            pointer: `/${section}/${name}`,
            kind: 'behaviour',
            breaking: false,
            message: t(`删除了${words.zh} “${name}”。`, `${words.en} "${name}" removed.`),
          });
  };
  // Added actions and removed queries are diff.ts's; here: new queries and changed ones.
  named('query', 'queries', prev.queries, next.queries, { zh: '查询', en: 'Query' });
  const rules = (a: object) => Object.fromEntries(Object.entries(a).filter(([k]) => k !== 'input'));
  named(
    'action',
    'actions',
    Object.fromEntries(Object.entries(prev.actions).map(([k, a]) => [k, rules(a)])),
    Object.fromEntries(
      Object.entries(next.actions)
        .filter(([k]) => own(prev.actions, k))
        .map(([k, a]) => [k, rules(a)]),
    ),
    { zh: '操作的规则', en: 'Rules of action' },
  );
  named(
    'schedule',
    'schedules',
    prev.schedules ?? {},
    next.schedules ?? {},
    {
      zh: '定时任务',
      en: 'Schedule',
    },
    { removals: true },
  );
  const byId = <T extends { id: string }>(list: T[] | undefined) =>
    Object.fromEntries((list ?? []).map((x) => [x.id, x]));
  named(
    'role',
    'roles',
    byId(prev.roles),
    byId(next.roles),
    { zh: '角色', en: 'Role' },
    {
      removals: true,
    },
  );
  named(
    'metric',
    'metrics',
    byId(prev.metrics),
    byId(next.metrics),
    {
      zh: '运营指标',
      en: 'Metric',
    },
    { removals: true },
  );
  // Views: what residents see. Removals are diff.ts's (breaking: portal blocks place them).
  const before = byId(prev.views);
  next.views.forEach((v, i) => {
    const old = before[v.id];
    if (old && same(old, v)) return;
    changes.push({
      area: 'view',
      name: v.id,
      pointer: `/views/${i}`,
      kind: 'annotation',
      breaking: false,
      message: old
        ? t(`修改了视图 “${v.id}” 的显示。`, `View "${v.id}" changed how it looks.`)
        : t(`新增视图 “${v.id}”。`, `View "${v.id}" added.`),
    });
  });
  return changes;
}
