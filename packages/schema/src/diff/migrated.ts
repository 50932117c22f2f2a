import type { LocalizedText, MigrationStep, PluginManifest } from '../manifest/types';
import type { SchemaChange } from './schema-diff';

const t = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });

/** `a.b` → `/properties/a/properties/b`: where a record field sits in its collection schema. */
const at = (field: string) =>
  field
    .split('.')
    .map((p) => `/properties/${p}`)
    .join('');

/** The migration steps that take `collection` from schemaVersion `from` to `to`, in order. */
export function migrationSteps(
  m: PluginManifest,
  collection: string,
  from: number,
  to: number,
): MigrationStep[] {
  const out: MigrationStep[] = [];
  let version = from;
  const chain = m.migrations.filter((x) => x.collection === collection);
  for (let guard = 0; version < to && guard < 1000; guard++) {
    const next = chain.find((x) => x.from === version);
    if (!next) return [];
    out.push(...next.steps);
    version = next.to;
  }
  return version === to ? out : [];
}

/**
 * Rewords a collection's schema changes as what the declared migrations do to existing records:
 * a removed field plus an added one that a `rename` connects become one "renamed" change; a
 * removal, a new required field or removed enum values that a step takes care of say so. The
 * changes stay breaking (clients still see another shape); only the words change.
 */
export function withMigrations(changes: SchemaChange[], steps: MigrationStep[]): SchemaChange[] {
  if (!steps.length) return changes;
  let out = [...changes];
  const take = (where: string, kind: string) => {
    const i = out.findIndex((c) => c.at === where && c.kind === kind);
    return i < 0 ? undefined : out.splice(i, 1)[0];
  };
  for (const s of steps) {
    if (s.op === 'rename') {
      const removed = take(at(s.from), 'removed');
      const added = take(at(s.to), 'added');
      if (!removed && !added) continue;
      out.push({
        at: at(s.to),
        kind: 'renamed',
        breaking: true,
        message: t(
          `字段 “${s.from}” 更名为 “${s.to}”（已有数据随迁移移过去）。`,
          `Renamed ${s.from} → ${s.to} (existing values move).`,
        ),
      });
    } else if (s.op === 'remove') {
      out = out.map((c) =>
        c.at === at(s.field) && c.kind === 'removed'
          ? {
              ...c,
              message: t(
                `删除了字段 “${s.field}”（迁移会删去已有数据中的该字段）。`,
                `Field "${s.field}" removed (the migration drops existing values).`,
              ),
            }
          : c,
      );
    } else if (s.op === 'setDefault') {
      out = out.map((c) =>
        c.at === at(s.field) && c.kind === 'added'
          ? {
              ...c,
              message: t(
                `新增字段 “${s.field}”（已有记录取 ${JSON.stringify(s.value)}）。`,
                `Field "${s.field}" added (existing records get ${JSON.stringify(s.value)}).`,
              ),
            }
          : c,
      );
    } else if (s.op === 'mapValues') {
      const pairs = Object.entries(s.map)
        .map(([from, to]) => `${from} → ${String(to)}`)
        .join(', ');
      out = out.map((c) =>
        c.at === at(s.field) && c.kind === 'enum' && c.breaking
          ? {
              ...c,
              message: t(
                `${c.message['zh-CN']}（已有数据按迁移改写：${pairs}）`,
                `${c.message.en} (existing values are mapped: ${pairs})`,
              ),
            }
          : c,
      );
    }
  }
  return out;
}

/**
 * Rewords an action's input changes. An input holds no stored values, so "existing values would
 * be rejected" misleads there: a removed input field is one the action no longer takes, and a
 * removed plus an added field that a `rename` of the action's collection connects read as the
 * same rename (the vendor followed the migration). Still breaking: callers send another shape.
 */
export function inputWithMigrations(
  changes: SchemaChange[],
  steps: MigrationStep[],
): SchemaChange[] {
  let out = [...changes];
  for (const s of steps) {
    if (s.op !== 'rename') continue;
    const i = out.findIndex((c) => c.at === at(s.from) && c.kind === 'removed');
    const j = out.findIndex((c) => c.at === at(s.to) && c.kind === 'added');
    if (i < 0 || j < 0) continue;
    out = out.filter((_, k) => k !== i && k !== j);
    out.push({
      at: at(s.to),
      kind: 'renamed',
      breaking: true,
      message: t(
        `输入字段 “${s.from}” 随集合迁移更名为 “${s.to}”（调用方须改用新名称）。`,
        `Input field renamed ${s.from} → ${s.to}, as the collection's migration does (callers must send the new name).`,
      ),
    });
  }
  return out.map((c) =>
    c.kind === 'removed'
      ? {
          ...c,
          message: t(
            `删除了输入字段 “${c.at.split('/').at(-1)}”（该操作不再接收它）。`,
            `Input field "${c.at.split('/').at(-1)}" removed (the action no longer takes it).`,
          ),
        }
      : c,
  );
}
