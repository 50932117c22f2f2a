import { describe, expect, it } from 'vitest';
import { exampleManifest } from '../example';
import type { PluginManifest } from '../types';
import { validateManifest } from '../validate';

const errorsOf = (m: PluginManifest) =>
  validateManifest(m).errors.map((e) => ({ pointer: e.pointer, code: e.code, en: e.message.en }));

describe('defaults are checked against their own schema', () => {
  it('refuses "five" as an integer default in config, with its pointer', () => {
    const m = exampleManifest();
    m.config.properties!.ratingPoints = { type: 'integer', minimum: 0, default: 'five' as never };
    expect(errorsOf(m)).toEqual([
      {
        pointer: '/config/properties/ratingPoints/default',
        code: 'default.invalid',
        en: expect.stringMatching(/^The default does not match the field's own schema: .*integer/),
      },
    ]);
  });

  it('in collection fields and action inputs too, through $ref and inside arrays', () => {
    const m = exampleManifest();
    const schema = m.collections.tickets!.schema;
    schema.$defs = { Level: { type: 'string', enum: ['low', 'high'] } };
    schema.properties!.level = { $ref: '#/$defs/Level', default: 'medium' } as never;
    const tags = {
      type: 'array' as const,
      maxItems: 2,
      items: { type: 'string' as const, maxLength: 3 },
    };
    schema.properties!.tags = tags;
    m.actions.report!.input!.properties!.tags = { ...tags, default: ['ok', 'too long'] };
    expect(errorsOf(m).map((e) => e.pointer)).toEqual([
      '/actions/report/input/properties/tags/default/1',
      '/collections/tickets/schema/properties/level/default',
    ]);
  });

  it('accepts defaults that fit', () => {
    expect(validateManifest(exampleManifest()).ok).toBe(true);
  });
});

describe('relative values in set', () => {
  it('take offset and as on time vars only', () => {
    const m = exampleManifest();
    const report = m.actions.report as { set?: Record<string, unknown> };
    report.set = { title: { var: 'user.displayName', offset: 'P1D' } };
    expect(errorsOf(m).map((e) => `${e.pointer} ${e.code}`)).toEqual([
      '/actions/report/set/title filter.relative',
    ]);
    report.set = { title: { var: 'today', offset: 'P1D' } };
    expect(errorsOf(m)).toEqual([]);
  });
});
