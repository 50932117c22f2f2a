import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { standardPluginEntries } from '@scene/plugins';
import { widgets as epWidgets } from './index';
import { widgets as vantWidgets } from '../vant/index';
import { testSchemas } from '../test-schemas/index';
import { expectedPointers, mountForm, unlabelledFields } from '../test/harness';
import type { FormSchema } from '../core/types';
import type { WidgetMap } from '../vue/context';

let errorSpy: MockInstance;
let warnSpy: MockInstance;
const vueWarnings: string[] = [];

beforeEach(() => {
  errorSpy = vi.spyOn(console, 'error');
  warnSpy = vi.spyOn(console, 'warn');
  vueWarnings.length = 0;
});
afterEach(() => {
  errorSpy.mockRestore();
  warnSpy.mockRestore();
  document.body.innerHTML = '';
});

/** Mounts a form and checks it rendered every field, labelled, with nothing logged. */
async function renderCleanly(
  schema: FormSchema,
  map: WidgetMap,
  options: { value?: unknown; config?: unknown } = {},
): Promise<void> {
  const h = await mountForm(schema, map, {
    ...options,
    warnHandler: (msg) => vueWarnings.push(msg),
  });
  // Lazily loaded widgets (uploader, slider) settle after their import resolves.
  await vi.waitFor(() =>
    expect(h.wrapper.findAll('.sf-field').every((f) => f.find('.sf-control > *').exists())).toBe(
      true,
    ),
  );
  const pointers = expectedPointers(schema, h.value.value, options.config);
  const rendered = h.wrapper.findAll('[data-pointer]').map((w) => w.attributes('data-pointer'));
  expect(pointers.filter((p) => !rendered.includes(p))).toEqual([]);
  expect(unlabelledFields(h.wrapper.element)).toEqual([]);
  expect(vueWarnings).toEqual([]);
  expect(errorSpy).not.toHaveBeenCalled();
  expect(warnSpy).not.toHaveBeenCalled();
  h.wrapper.unmount();
}

describe('the Element Plus property panel renders', () => {
  it.each(Object.entries(testSchemas))('test schema %s', async (_name, schema) => {
    await renderCleanly(schema, epWidgets);
  });

  it.each(standardPluginEntries.map((e) => [e.manifest.id, e] as const))(
    'the config schema of %s, with its fixture config',
    async (_id, entry) => {
      const schema = entry.manifest.config as FormSchema;
      await renderCleanly(schema, epWidgets, {
        value: entry.fixtures.config,
        config: entry.fixtures.config,
      });
    },
    // Element Plus mounts slowly under happy-dom (the canteen's 14-row menu takes ~10 s here,
    // against ~1 s for the same form with the Vant map); a real browser is far faster.
    60_000,
  );

  it('a plugin config schema with no value yet (defaults only)', async () => {
    const entry = standardPluginEntries.find((e) => e.manifest.id === 'std.property-repair')!;
    await renderCleanly(entry.manifest.config as FormSchema, epWidgets);
  });

  it('has at least 20 varied test schemas', () => {
    expect(Object.keys(testSchemas).length).toBeGreaterThanOrEqual(20);
  });
});

describe('the Vant resident forms render', () => {
  it.each(Object.entries(testSchemas))('test schema %s', async (_name, schema) => {
    await renderCleanly(schema, vantWidgets);
  });

  const inputs = standardPluginEntries.flatMap((e) =>
    Object.entries(e.manifest.actions ?? {})
      .filter(([, a]) => a.input !== undefined)
      .map(
        ([name, a]) =>
          [`${e.manifest.id} ${name}`, a.input as FormSchema, e.fixtures.config] as const,
      ),
  );
  it.each(inputs)('the action input of %s', async (_name, schema, config) => {
    await renderCleanly(schema, vantWidgets, { config });
  });
});
