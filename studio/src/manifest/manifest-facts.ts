import type {
  LocalizedText,
  PiiKind,
  PluginManifest,
  UninstallPolicy,
  VendorSchema,
} from '@scene/schema';

/** One field of a collection that holds personal data, and how long the platform keeps it. */
export interface PiiField {
  collection: string;
  /** Dotted path inside the record, e.g. `contact.phone`; `[]` marks array items. */
  path: string;
  kind: PiiKind;
  title?: LocalizedText;
  retentionDays?: number;
}

function walk(
  schema: VendorSchema | undefined,
  defs: Record<string, VendorSchema>,
  path: string,
  visit: (s: VendorSchema, path: string) => void,
  depth = 0,
): void {
  if (!schema || depth > 20) return;
  const s = schema.$ref ? defs[schema.$ref.slice('#/$defs/'.length)] : schema;
  if (!s) return;
  visit(s, path);
  for (const [k, child] of Object.entries(s.properties ?? {})) {
    walk(child, defs, path ? `${path}.${k}` : k, visit, depth + 1);
  }
  if (s.items) walk(s.items, defs, `${path}[]`, visit, depth + 1);
}

/** Every `x-pii` field of every collection, in manifest order. */
export function piiFields(manifest: PluginManifest): PiiField[] {
  const out: PiiField[] = [];
  for (const [collection, def] of Object.entries(manifest.collections ?? {})) {
    walk(def.schema, def.schema.$defs ?? {}, '', (s, path) => {
      if (s['x-pii']) {
        out.push({
          collection,
          path,
          kind: s['x-pii'],
          ...(s.title ? { title: s.title } : {}),
          ...(def.retention ? { retentionDays: def.retention.days } : {}),
        });
      }
    });
  }
  return out;
}

export function uninstallPolicy(manifest: PluginManifest): UninstallPolicy {
  return manifest.lifecycle?.onUninstall ?? 'export-then-delete';
}

/** Changelog entries newest first, as the plugin page lists them. */
export function changelog(manifest: PluginManifest) {
  return [...(manifest.changelog ?? [])].reverse();
}

/** Views a preview can show: block views first, then pages. */
export function previewableViews(manifest: PluginManifest) {
  const views = manifest.views ?? [];
  return [...views.filter((v) => v.slot === 'block'), ...views.filter((v) => v.slot !== 'block')];
}
