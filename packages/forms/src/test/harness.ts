import { defineComponent, h, ref, type Ref } from 'vue';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import SchemaForm from '../vue/SchemaForm.vue';
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
  options: { value?: unknown; locale?: Locale; upload?: UploadFn } = {},
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
        'onUpdate:modelValue': (v: unknown) => (value.value = v),
        onValidity: (v: { valid: boolean; errors: FieldErrors }) => (validity.value = v),
      }),
  });
  const wrapper = mount(Parent, { attachTo: document.body });
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
