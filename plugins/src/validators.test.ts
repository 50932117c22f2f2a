// The browser validates vendor schemas with an interpreter (the studio's CSP forbids the code
// Ajv compiles), the server with Ajv. Over every standard plugin's schemas, with its fixtures
// broken at random, both must report the same issues in the same words.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SYSTEM_FIELDS,
  createBrowserValidator,
  getActionValidator,
  getCollectionValidator,
  getConfigValidator,
  schemaIssues,
  toRuntimeSchema,
  type DataValidator,
  type Issue,
  type VendorSchema,
} from '@scene/schema';
import { standardPluginEntries } from './index';

interface Case {
  name: string;
  schema: VendorSchema;
  server: DataValidator;
  samples: unknown[];
}

const cases: Case[] = standardPluginEntries.flatMap(({ manifest: m, fixtures }) => {
  const records = Object.values(fixtures.records).flat();
  return [
    {
      name: `${m.id} config`,
      schema: m.config,
      server: getConfigValidator(m),
      samples: [fixtures.config],
    },
    ...Object.entries(m.collections).map(([name, c]) => ({
      name: `${m.id} collection ${name}`,
      schema: c.schema,
      server: getCollectionValidator(m, name),
      samples: (fixtures.records[name] ?? []).map((r) =>
        Object.fromEntries(
          Object.entries(r).filter(([k]) => !(SYSTEM_FIELDS as readonly string[]).includes(k)),
        ),
      ),
    })),
    ...Object.entries(m.actions).map(([name, a]) => ({
      name: `${m.id} action ${name}`,
      schema: a.input ?? { type: 'object' as const },
      server: getActionValidator(m, name),
      // Records share most field names with the inputs that create them.
      samples: records.map((r) =>
        Object.fromEntries(Object.entries(r).filter(([k]) => k in (a.input?.properties ?? {}))),
      ),
    })),
  ];
});

const hasHuge = (v: unknown): boolean =>
  typeof v === 'number'
    ? Math.abs(v) >= 1e21
    : typeof v === 'object' && v !== null && Object.values(v).some(hasHuge);

const junk = fc.oneof(
  fc.constantFrom(null, true, 0, -1, 1.5, 0.1, 1e9, '', 'x', 'a'.repeat(5000), [], {}, ['x', 'x']),
  fc.string(),
  fc.integer(),
  // Ajv misjudges multipleOf from 1e21 up (it checks with parseInt, which reads "1e+21" as 1);
  // no price or count gets there, so such numbers are left out rather than papered over.
  fc.jsonValue({ maxDepth: 2 }).filter((v) => !hasHuge(v)),
);

/** A sample with one value somewhere replaced, removed, or an unknown key added. */
function broken(sample: unknown) {
  const paths: string[][] = [];
  const walk = (v: unknown, p: string[]) => {
    paths.push(p);
    if (v && typeof v === 'object') for (const [k, c] of Object.entries(v)) walk(c, [...p, k]);
  };
  walk(sample, []);
  return fc
    .tuple(fc.constantFrom(...paths), fc.constantFrom('set', 'delete', 'add'), junk)
    .map(([path, how, value]) => {
      const copy = structuredClone(sample) as Record<string, unknown>;
      if (path.length === 0) return how === 'set' ? value : copy;
      let parent: Record<string, unknown> = copy;
      for (const k of path.slice(0, -1)) parent = parent[k] as Record<string, unknown>;
      const key = path.at(-1)!;
      if (how === 'delete') delete parent[key];
      else if (how === 'add' && parent[key] && typeof parent[key] === 'object')
        (parent[key] as Record<string, unknown>).unexpected = value;
      else parent[key] = value;
      return copy;
    });
}

const words = (issues: Issue[]) =>
  issues.map((i) => `${i.pointer} ${i.code} ${i.message['zh-CN']} ${i.message.en}`).sort();

describe('vendor schemas: browser and server agree', () => {
  it.each(cases.filter((c) => c.samples.length).map((c) => [c.name, c] as const))(
    '%s',
    (_name, c) => {
      const browser = createBrowserValidator(toRuntimeSchema(c.schema));
      fc.assert(
        fc.property(fc.oneof(junk, ...c.samples.map(broken)), (data) => {
          expect(words(schemaIssues(browser(data)))).toEqual(words(c.server(data).errors));
        }),
        // Fixed for a repeatable run; checked with a million random cases while writing it.
        { numRuns: 200, seed: 11 },
      );
    },
  );
});
