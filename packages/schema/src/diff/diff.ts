import type { LocalizedText, PluginManifest } from '../manifest/types';
import { inputWithMigrations, migrationSteps, withMigrations } from './migrated';
import { diffParts } from './parts';
import { diffSchemas } from './schema-diff';

export type ChangeArea =
  'config' | 'collection' | 'action' | 'query' | 'view' | 'index' | 'schedule' | 'role' | 'metric';

export interface PluginChange {
  area: ChangeArea;
  /** Collection, action, query or view name; '' for config. */
  name: string;
  /** JSON pointer into the new manifest (the old one for removals). */
  pointer: string;
  /**
   * What happened (`added`, `removed`, `typeChanged`, …). Two kinds ask for no more than a patch
   * version: `annotation` (how it looks) and `behaviour` (what it does: a query, a schedule, a
   * role, an action's rules), since records written before stay valid under both.
   */
  kind: string;
  breaking: boolean;
  message: LocalizedText;
}

export interface PluginDiff {
  changes: PluginChange[];
  breaking: boolean;
  /** Collections whose document schema changed in any way (data-affecting, not display-only). */
  changedCollections: string[];
}

const t = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });
const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/**
 * Compares two versions of a plugin: config, collection schemas, action inputs, removals, and
 * (parts.ts) what the plugin does and shows: queries, action rules, schedules, roles, metrics, views.
 */
export function diffPlugins(prev: PluginManifest, next: PluginManifest): PluginDiff {
  const changes: PluginChange[] = [];
  const changedCollections = new Set<string>();
  for (const c of diffSchemas(prev.config, next.config))
    changes.push({
      area: 'config',
      name: '',
      pointer: `/config${c.at}`,
      kind: c.kind,
      breaking: c.breaking,
      message: c.message,
    });
  for (const [name, pc] of Object.entries(prev.collections)) {
    if (!own(next.collections, name)) {
      changes.push({
        area: 'collection',
        name,
        pointer: `/collections/${name}`,
        kind: 'removed',
        breaking: true,
        message: t(`删除了集合 “${name}”。`, `Collection "${name}" removed.`),
      });
      continue;
    }
    const nc = next.collections[name]!;
    const steps = migrationSteps(next, name, pc.schemaVersion, nc.schemaVersion);
    for (const c of withMigrations(diffSchemas(pc.schema, nc.schema), steps)) {
      if (c.kind !== 'annotation') changedCollections.add(name);
      changes.push({
        area: 'collection',
        name,
        pointer: `/collections/${name}/schema${c.at}`,
        kind: c.kind,
        breaking: c.breaking,
        message: c.message,
      });
    }
    const uniques = (m: typeof pc) =>
      new Set((m.indexes ?? []).filter((i) => i.unique).map((i) => JSON.stringify(i.fields)));
    const before = uniques(pc);
    for (const u of uniques(nc))
      if (!before.has(u))
        changes.push({
          area: 'index',
          name,
          pointer: `/collections/${name}/indexes`,
          kind: 'uniqueAdded',
          breaking: true,
          message: t(
            `新增唯一索引 ${u}，已有数据可能冲突。`,
            `Unique index ${u} added; existing records may conflict.`,
          ),
        });
    const states = new Set(nc.workflow?.states.map((s) => s.id) ?? []);
    for (const s of pc.workflow?.states ?? [])
      if (!states.has(s.id))
        changes.push({
          area: 'collection',
          name,
          pointer: `/collections/${name}/workflow/states`,
          kind: 'stateRemoved',
          breaking: true,
          message: t(`删除了流程状态 “${s.id}”。`, `Workflow state "${s.id}" removed.`),
        });
  }
  for (const name of Object.keys(next.collections))
    if (!own(prev.collections, name))
      changes.push({
        area: 'collection',
        name,
        pointer: `/collections/${name}`,
        kind: 'added',
        breaking: false,
        message: t(`新增集合 “${name}”。`, `Collection "${name}" added.`),
      });
  for (const [name, pa] of Object.entries(prev.actions)) {
    if (!own(next.actions, name)) {
      changes.push({
        area: 'action',
        name,
        pointer: `/actions/${name}`,
        kind: 'removed',
        breaking: true,
        message: t(`删除了操作 “${name}”。`, `Action "${name}" removed.`),
      });
      continue;
    }
    const empty = { type: 'object' as const, properties: {} };
    const na = next.actions[name]!;
    const pcol = prev.collections[pa.collection];
    const ncol = next.collections[na.collection];
    const steps =
      pcol && ncol && pa.collection === na.collection
        ? migrationSteps(next, na.collection, pcol.schemaVersion, ncol.schemaVersion)
        : [];
    for (const c of inputWithMigrations(diffSchemas(pa.input ?? empty, na.input ?? empty), steps))
      changes.push({
        area: 'action',
        name,
        pointer: `/actions/${name}/input${c.at}`,
        kind: c.kind,
        breaking: c.breaking,
        message: c.message,
      });
  }
  for (const name of Object.keys(next.actions))
    if (!own(prev.actions, name))
      changes.push({
        area: 'action',
        name,
        pointer: `/actions/${name}`,
        kind: 'added',
        breaking: false,
        message: t(`新增操作 “${name}”。`, `Action "${name}" added.`),
      });
  for (const name of Object.keys(prev.queries))
    if (!own(next.queries, name))
      changes.push({
        area: 'query',
        name,
        pointer: `/queries/${name}`,
        kind: 'removed',
        breaking: true,
        message: t(`删除了查询 “${name}”。`, `Query "${name}" removed.`),
      });
  const nextViews = new Set(next.views.map((v) => v.id));
  prev.views.forEach((v, i) => {
    if (!nextViews.has(v.id))
      changes.push({
        area: 'view',
        name: v.id,
        pointer: `/views/${i}`,
        kind: 'removed',
        breaking: true,
        message: t(
          `删除了视图 “${v.id}”（门户中放置它的区块会失效）。`,
          `View "${v.id}" removed (portal blocks placing it would break).`,
        ),
      });
  });
  changes.push(...diffParts(prev, next));
  return {
    changes,
    breaking: changes.some((c) => c.breaking),
    changedCollections: [...changedCollections],
  };
}
