import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { schemaIssues } from '../errors/format';
import type { Issue } from '../errors/issue';
import { manifest } from '../generated/manifest';
import { portal } from '../generated/portal';
import { primitiveValidators } from '../generated/primitives';
import { exampleManifest } from '../manifest/example';
import { manifestMetaSchema } from '../manifest/meta-schema';
import { portalSchema } from '../portal/schema';
import { primitiveCatalog } from '../primitives/catalog';
import { FIXED_SCHEMA_OPTIONS } from './ajv';
import { generateValidatorModules } from './generate';
import type { PrecompiledValidator } from './precompiled';

const dir = new URL('../generated/', import.meta.url);
const fresh = generateValidatorModules();

describe('precompiled validators (src/generated)', () => {
  it.each(Object.keys(fresh))('%s is what the schemas generate today', (name) => {
    const committed = readFileSync(new URL(name, dir), 'utf8');
    // A boolean, not the text: the modules are hundreds of kilobytes long.
    expect(
      committed === fresh[name],
      `src/generated/${name} is stale: run \`pnpm --filter @scene/schema generate\``,
    ).toBe(true);
  });

  it('holds nothing else, and nothing that compiles code or needs CommonJS', () => {
    expect(readdirSync(dir).sort()).toEqual(Object.keys(fresh).sort());
    for (const code of Object.values(fresh)) {
      expect(code).not.toMatch(/new Function|\beval\(|\brequire\(/);
    }
  });
});

// The generated code is compiled from a rearranged copy of each schema (shared pieces as
// `$defs`, references not inlined); it must report exactly what Ajv compiling the source does.
describe('precompiled validators say what the source schemas say', () => {
  const ajv = new Ajv2020(FIXED_SCHEMA_OPTIONS);
  addFormats(ajv);
  const words = (v: PrecompiledValidator, data: unknown): string[] =>
    v(data)
      ? []
      : schemaIssues(v.errors).map((i: Issue) => `${i.pointer} ${i.code} ${i.message.en}`);

  const junk = fc.constantFrom<unknown>(
    null,
    1,
    -5,
    1.5,
    true,
    '',
    'x',
    '$bad',
    'a'.repeat(5000),
    {},
    [],
    { 'zh-CN': 'a' },
    { bind: 'nope' },
    { bind: 'config.title' },
    'upload:abc',
    'https://x y',
  );
  /** A document with up to three values replaced, removed or joined by an unknown key. */
  const broken = (doc: unknown) => {
    const paths: string[][] = [];
    const walk = (v: unknown, p: string[]) => {
      if (p.length) paths.push(p);
      if (v && typeof v === 'object') for (const [k, c] of Object.entries(v)) walk(c, [...p, k]);
    };
    walk(doc, []);
    const edit = fc.tuple(fc.constantFrom(...paths), fc.constantFrom('set', 'delete', 'add'), junk);
    return fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) => {
      const copy = structuredClone(doc) as Record<string, unknown>;
      for (const [path, how, shared] of edits) {
        const value = structuredClone(shared);
        let parent: Record<string, unknown> | undefined = copy;
        for (const k of path.slice(0, -1))
          parent = parent?.[k] as Record<string, unknown> | undefined;
        if (!parent || typeof parent !== 'object') continue;
        const key = path.at(-1)!;
        if (how === 'delete' && Array.isArray(parent)) parent.splice(Number(key), 1);
        else if (how === 'delete') delete parent[key];
        else if (how === 'add' && !Array.isArray(parent)) parent.unexpected = value;
        else parent[key] = value;
      }
      return copy;
    });
  };
  const agree = (source: object, generated: PrecompiledValidator, doc: unknown) => {
    const compiled = ajv.compile(source) as PrecompiledValidator;
    fc.assert(
      fc.property(broken(doc), (data) => {
        expect(words(generated, data)).toEqual(words(compiled, data));
      }),
      { numRuns: 300, seed: 3 },
    );
  };

  it('the manifest meta-schema', () => agree(manifestMetaSchema, manifest, exampleManifest()));

  it('the portal schema', () => {
    const t = { 'zh-CN': '首页', en: 'Home' };
    agree(portalSchema, portal, {
      portalVersion: 1,
      theme: { primaryColor: '#1677ff', culture: { title: t, text: t } },
      tabs: [
        { id: 'home', title: t, icon: 'home', page: 'home' },
        { id: 'me', title: t, icon: 'user', page: 'home' },
      ],
      pages: [
        {
          id: 'home',
          title: t,
          blocks: [
            { id: 'b1', kind: 'primitive', type: 'stack', props: {}, children: [] },
            { id: 'b2', kind: 'plugin', plugin: 'acme.repairs', view: 'home-card', config: {} },
          ],
        },
      ],
    });
  });

  it('every primitive the example manifest uses', () => {
    const nodes: { type: string; props: unknown }[] = [];
    const collect = (v: unknown): void => {
      if (!v || typeof v !== 'object') return;
      const n = v as { type?: unknown; props?: unknown };
      if (typeof n.type === 'string' && primitiveCatalog[n.type] && n.props)
        nodes.push({ type: n.type, props: n.props });
      Object.values(v).forEach(collect);
    };
    collect(exampleManifest().views);
    expect(nodes.length).toBeGreaterThan(5);
    for (const { type, props } of nodes)
      agree(primitiveCatalog[type]!.props, primitiveValidators[type]!, props);
  });
});
