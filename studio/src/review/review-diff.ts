import { diffPlugins, type PluginChange, type PluginManifest } from '@scene/schema';
import { piiFields, type PiiField } from '../manifest/manifest-facts';

/** What a reviewer must look at between two versions: data schemas, permissions, personal data. */
export interface ReviewDiff {
  /** Null for a plugin's first version (nothing to compare with). */
  from: string | null;
  breaking: boolean;
  schemaChanges: PluginChange[];
  permissions: { added: string[]; removed: string[]; reasonChanged: string[] };
  pii: {
    added: PiiField[];
    removed: PiiField[];
    retentionChanged: { collection: string; from?: number; to?: number }[];
  };
}

const key = (f: PiiField) => `${f.collection}/${f.path}/${f.kind}`;

export function reviewDiff(previous: PluginManifest | null, next: PluginManifest): ReviewDiff {
  const nextPii = piiFields(next);
  if (!previous) {
    return {
      from: null,
      breaking: false,
      schemaChanges: [],
      permissions: { added: next.permissions.map((p) => p.scope), removed: [], reasonChanged: [] },
      pii: { added: nextPii, removed: [], retentionChanged: [] },
    };
  }
  const diff = diffPlugins(previous, next);
  const before = new Map(previous.permissions.map((p) => [p.scope, p.reason]));
  const after = new Map(next.permissions.map((p) => [p.scope, p.reason]));
  const prevPii = piiFields(previous);
  const prevKeys = new Set(prevPii.map(key));
  const nextKeys = new Set(nextPii.map(key));
  const retentionChanged = Object.keys({ ...previous.collections, ...next.collections })
    .map((collection) => ({
      collection,
      from: previous.collections[collection]?.retention?.days,
      to: next.collections[collection]?.retention?.days,
    }))
    .filter((r) => r.from !== r.to);
  return {
    from: previous.version,
    breaking: diff.breaking,
    schemaChanges: diff.changes,
    permissions: {
      added: [...after.keys()].filter((s) => !before.has(s)),
      removed: [...before.keys()].filter((s) => !after.has(s)),
      reasonChanged: [...after.keys()].filter(
        (s) => before.has(s) && JSON.stringify(before.get(s)) !== JSON.stringify(after.get(s)),
      ),
    },
    pii: {
      added: nextPii.filter((f) => !prevKeys.has(key(f))),
      removed: prevPii.filter((f) => !nextKeys.has(key(f))),
      retentionChanged,
    },
  };
}

/** True when nothing a reviewer cares about changed. */
export function isQuiet(d: ReviewDiff): boolean {
  return (
    d.schemaChanges.length === 0 &&
    d.permissions.added.length +
      d.permissions.removed.length +
      d.permissions.reasonChanged.length ===
      0 &&
    d.pii.added.length + d.pii.removed.length + d.pii.retentionChanged.length === 0
  );
}
