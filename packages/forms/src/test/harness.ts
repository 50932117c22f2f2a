import { defineComponent, h, ref, type Ref } from 'vue';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import SchemaForm from '../vue/SchemaForm.vue';
import { fieldsOf } from '../core/fields';
import { getAt, joinPointer } from '../core/pointer';
import { resolveSchema, typeOf, varsOf } from '../core/schema';
import { isVisible } from '../core/visibility';
import type { FieldErrors, FormSchema, Locale, UploadFn } from '../core/types';
import type { WidgetMap } from '../vue/context';

export interface Harness {
  wrapper: VueWrapper;
  value: Ref<unknown>;
  validity: Ref<{ valid: boolean; errors: FieldErrors } | undefined>;
  serverErrors: Ref<FieldErrors>;
  locale: Ref<Locale>;
  /** The wrapper of the field at a pointer. */
  field(pointer: string): ReturnType<VueWrapper['find']>;
}

/** Mounts SchemaForm under a parent that keeps the v-model, like an app would. */
export async function mountForm(
  schema: FormSchema,
  widgets: WidgetMap,
  options: {
    value?: unknown;
    locale?: Locale;
    upload?: UploadFn;
    previewUrl?: (uploadId: string) => string;
    config?: unknown;
    warnHandler?: (msg: string) => void;
  } = {},
): Promise<Harness> {
  const value = ref<unknown>(options.value);
  const validity = ref<{ valid: boolean; errors: FieldErrors }>();
  const serverErrors = ref<FieldErrors>({});
  const locale = ref<Locale>(options.locale ?? 'zh-CN');
  const Parent = defineComponent({
    setup: () => () =>
      h(SchemaForm, {
        schema,
        widgets,
        modelValue: value.value,
        locale: locale.value,
        serverErrors: serverErrors.value,
        upload: options.upload,
        previewUrl: options.previewUrl,
        config: options.config,
        'onUpdate:modelValue': (v: unknown) => (value.value = v),
        onValidity: (v: { valid: boolean; errors: FieldErrors }) => (validity.value = v),
      }),
  });
  const wrapper = mount(Parent, {
    attachTo: document.body,
    global: options.warnHandler ? { config: { warnHandler: options.warnHandler } } : {},
  });
  await flushPromises();
  return {
    wrapper,
    value,
    validity,
    serverErrors,
    locale,
    field: (pointer) => wrapper.find(`[data-pointer="${pointer}"]`),
  };
}

/**
 * Checks every rendered field is labelled: a `<label for>` whose target exists, or a control
 * inside that names the label with `aria-labelledby`. Returns the pointers that fail.
 */
export function unlabelledFields(root: Element): string[] {
  const bad: string[] = [];
  for (const el of root.querySelectorAll<HTMLElement>('.sf-field')) {
    const label = el.querySelector(':scope > .sf-label');
    const pointer = el.dataset.pointer ?? '?';
    if (!label || !label.textContent?.trim()) {
      bad.push(pointer);
      continue;
    }
    const forId = label.getAttribute('for');
    if (forId) {
      const target = document.getElementById(forId);
      if (!target || !el.contains(target)) bad.push(pointer);
    } else if (!el.querySelector(`[aria-labelledby~="${label.id}"]`)) {
      bad.push(pointer);
    }
  }
  for (const el of root.querySelectorAll<HTMLElement>('fieldset')) {
    if (!el.querySelector(':scope > legend')?.textContent?.trim())
      bad.push(el.dataset.pointer ?? '?');
  }
  return bad;
}

/** Pointers of every field that should be on screen for this value (visible, not hidden). */
export function expectedPointers(root: FormSchema, value: unknown, config?: unknown): string[] {
  const vars = varsOf({ config });
  const out: string[] = [];
  const walkObject = (schema: FormSchema, base: string): void => {
    for (const f of fieldsOf(schema, root, base)) {
      if (f.widget === 'hidden' || !isVisible(f.schema, value, vars)) continue;
      out.push(f.pointer);
      if (f.widget === 'object') walkObject(f.schema, f.pointer);
      if (f.widget === 'list') walkList(f.schema, f.pointer);
    }
  };
  const walkList = (schema: FormSchema, base: string): void => {
    const items = resolveSchema(schema.items ?? {}, root);
    const list = getAt(value, base);
    if (!Array.isArray(list)) return;
    list.forEach((_, i) => {
      const p = joinPointer(base, i);
      out.push(p);
      if (typeOf(items) === 'object') walkObject(items, p);
    });
  };
  walkObject(root, '');
  return out;
}
