import { describe, expect, it } from 'vitest';
import { exampleManifest } from '../manifest/example';
import { getActionValidator, getCollectionValidator, getConfigValidator } from './cache';

describe('cached validators', () => {
  it('compile once per plugin@version and validate inputs with pointers', () => {
    const m = exampleManifest();
    const v = getActionValidator(m, 'report');
    expect(getActionValidator(exampleManifest(), 'report')).toBe(v);
    expect(getActionValidator({ ...m, version: '1.0.1' }, 'report')).not.toBe(v);
    expect(v({ title: '漏水了', phone: '13812345678' })).toEqual({ ok: true, errors: [] });
    const bad = v({ title: 'x', phone: '123', extra: 1 });
    expect(bad.ok).toBe(false);
    expect(bad.errors.map((e) => `${e.pointer} ${e.code}`).sort()).toEqual([
      '/extra schema.unknownProperty',
      '/phone schema.pattern',
      '/title schema.minLength',
    ]);
  });

  it('cover collections and config, and refuse unknown names', () => {
    const m = exampleManifest();
    expect(
      getCollectionValidator(m, 'tickets')({ title: 'ab', phone: '13812345678', status: 'nope' })
        .errors[0]?.pointer,
    ).toBe('/status');
    expect(getConfigValidator(m)({ title: 'x'.repeat(41) }).errors[0]?.code).toBe(
      'schema.maxLength',
    );
    expect(getActionValidator(m, 'accept')({}).ok).toBe(true);
    expect(getActionValidator(m, 'accept')({ any: 1 }).ok).toBe(false);
    expect(() => getActionValidator(m, 'constructor')).toThrow();
  });

  it('count decimal steps as a person would, like the browser does', () => {
    const m = exampleManifest();
    const schema = m.actions.report!.input!;
    const props = (schema as { properties: Record<string, unknown> }).properties;
    props.weight = { type: 'number', multipleOf: 0.1 };
    const v = getActionValidator({ ...m, version: '9.9.9' }, 'report');
    const ok = { title: '漏水了', phone: '13812345678' };
    expect(v({ ...ok, weight: 0.3 }).ok).toBe(true);
    expect(v({ ...ok, weight: 2.7 }).ok).toBe(true);
    expect(v({ ...ok, weight: 0.35 }).errors[0]?.code).toBe('schema.multipleOf');
  });
});
