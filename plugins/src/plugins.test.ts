import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  SYSTEM_FIELDS,
  getCollectionValidator,
  getConfigValidator,
  validateManifest,
  type PluginManifest,
  type VendorSchema,
} from '@scene/schema';
import { loadFixtures, standardPluginEntries, standardPlugins } from './index';

const EXPECTED_IDS = [
  'std.property-repair',
  'std.notice-board',
  'std.proposals',
  'std.convention',
  'std.elderly-canteen',
  'std.points-mall',
  'std.elderly-checkin',
  'std.service-directory',
  'std.visitor-parking',
  'std.childcare',
  'std.survey',
  'std.home-care',
  'std.events',
  'std.health-station',
  'std.resident-requests',
  'std.shared-spaces',
  'std.startup-hub',
];

const pluginsRoot = fileURLToPath(new URL('..', import.meta.url));

/** Every `{zh-CN, en}`-shaped object in a JSON tree, with its JSON pointer. */
function localizedTexts(
  node: unknown,
  pointer = '',
): { pointer: string; value: Record<string, unknown> }[] {
  if (Array.isArray(node)) return node.flatMap((v, i) => localizedTexts(v, `${pointer}/${i}`));
  if (node === null || typeof node !== 'object') return [];
  const obj = node as Record<string, unknown>;
  const own = 'zh-CN' in obj || 'en' in obj ? [{ pointer, value: obj }] : [];
  return [...own, ...Object.entries(obj).flatMap(([k, v]) => localizedTexts(v, `${pointer}/${k}`))];
}

/** Properties (at any depth) of a vendor schema carrying `x-options`. */
function optionFields(schema: VendorSchema): [string, NonNullable<VendorSchema['x-options']>][] {
  return Object.entries(schema.properties ?? {}).flatMap(([name, s]) =>
    s['x-options']
      ? [[name, s['x-options']] as [string, NonNullable<VendorSchema['x-options']>]]
      : [],
  );
}

describe('standard plugins', () => {
  it('are the standard components, each id and version unique, all from vendor std', () => {
    expect(standardPlugins.map((p) => p.id)).toEqual(EXPECTED_IDS);
    expect(new Set(standardPlugins.map((p) => `${p.id}@${p.version}`)).size).toBe(
      standardPlugins.length,
    );
    for (const p of standardPlugins) {
      expect(p.vendor.id).toBe('std');
      // Newest entry first in the changelog, and it is this version; the canteen's 2.0.0 books
      // for linked family members instead of a typed-in elder.
      expect(p.version).toMatch(p.id === 'std.elderly-canteen' ? /^2\.\d+\.\d+$/ : /^1\.\d+\.\d+$/);
      expect(p.changelog?.[0]?.version).toBe(p.version);
      expect(p.engines.platform).toBe('^1.0.0');
    }
  });

  it.each(standardPluginEntries.map((e) => [e.manifest.id, e.manifest] as const))(
    '%s passes the validator with no errors and no warnings',
    (_id, manifest) => {
      const result = validateManifest(manifest);
      expect(result.errors).toEqual([]);
      expect(result.warnings).toEqual([]);
      expect(result.ok).toBe(true);
    },
  );

  it.each(standardPluginEntries.map((e) => [e.manifest.id, e.manifest] as const))(
    '%s has every user-facing text in both zh-CN and en',
    (_id, manifest) => {
      const texts = localizedTexts(manifest);
      expect(texts.length).toBeGreaterThan(20);
      const incomplete = texts.filter(
        ({ value }) =>
          typeof value['zh-CN'] !== 'string' ||
          typeof value.en !== 'string' ||
          value['zh-CN'].trim() === '' ||
          value.en.trim() === '' ||
          Object.keys(value).length !== 2,
      );
      expect(incomplete.map((t) => t.pointer)).toEqual([]);
    },
  );
});

describe.each(standardPluginEntries.map((e) => [e.manifest.id, e] as const))(
  '%s fixtures',
  (id, entry) => {
    const manifest: PluginManifest = entry.manifest;
    const fixtures = loadFixtures(id);

    it('has a config that the plugin config schema accepts', () => {
      const result = getConfigValidator(manifest)(fixtures.config);
      expect(result.errors).toEqual([]);
    });

    it('has records for every collection and only for declared collections', () => {
      expect(Object.keys(fixtures.records).sort()).toEqual(
        Object.keys(manifest.collections).sort(),
      );
      for (const records of Object.values(fixtures.records))
        expect(records.length).toBeGreaterThan(0);
    });

    it('has records that match their collection schema once system fields and counters are removed', () => {
      for (const [name, records] of Object.entries(fixtures.records)) {
        const collection = manifest.collections[name]!;
        const computed = new Set<string>([
          ...SYSTEM_FIELDS,
          ...Object.keys(collection.counters ?? {}),
        ]);
        const validate = getCollectionValidator(manifest, name);
        for (const record of records) {
          expect(typeof record._id).toBe('string');
          expect(typeof record.createdBy).toBe('string');
          const doc = Object.fromEntries(Object.entries(record).filter(([k]) => !computed.has(k)));
          const result = validate(doc);
          expect({ record: record._id, errors: result.errors }).toEqual({
            record: record._id,
            errors: [],
          });
        }
      }
    });

    it('respects unique indexes, workflow states and config-bound options', () => {
      for (const [name, records] of Object.entries(fixtures.records)) {
        const collection = manifest.collections[name]!;
        for (const index of collection.indexes ?? []) {
          if (!index.unique) continue;
          const keys = records.map((r) =>
            JSON.stringify(Object.keys(index.fields).map((f) => r[f])),
          );
          expect(new Set(keys).size).toBe(keys.length);
        }
        if (collection.workflow) {
          const states = new Set(collection.workflow.states.map((s) => s.id));
          for (const r of records)
            expect(states.has(r[collection.workflow.field] as string)).toBe(true);
        }
        for (const [field, options] of optionFields(collection.schema)) {
          const path = options.bind.slice('config.'.length);
          const list = fixtures.config[path] as Record<string, unknown>[];
          const allowed = new Set(list.map((o) => o[options.value]));
          for (const r of records)
            if (r[field] !== undefined) expect(allowed.has(r[field])).toBe(true);
        }
      }
    });

    it('returns a fresh copy each time', () => {
      const copy = loadFixtures(id);
      copy.config.changed = true;
      expect(loadFixtures(id).config.changed).toBeUndefined();
    });
  },
);

describe('READMEs', () => {
  it.each(standardPluginEntries.map((e) => [e.manifest.id, e] as const))(
    '%s README names every collection, action, query and view',
    (_id, entry) => {
      const path = `${pluginsRoot}${entry.dir}/README.md`;
      expect(existsSync(path)).toBe(true);
      const text = readFileSync(path, 'utf8');
      const m = entry.manifest;
      const names = [
        ...Object.keys(m.collections),
        ...Object.keys(m.actions),
        ...Object.keys(m.queries),
        ...m.views.map((v) => v.id),
      ];
      expect(names.filter((n) => !text.includes(`\`${n}\``))).toEqual([]);
      // A workflow is drawn; a plugin without one (a directory from config) has nothing to draw.
      if (Object.values(m.collections).some((c) => c.workflow))
        expect(text).toContain('stateDiagram');
    },
  );
});

it('loadFixtures refuses an unknown plugin id', () => {
  expect(() => loadFixtures('std.nothing')).toThrow(/Unknown standard plugin/);
});
