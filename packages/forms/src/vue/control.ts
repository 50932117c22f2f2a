import type { Directive } from 'vue';
import type { WidgetField } from './context';

/**
 * Puts the field's `id` and ARIA state on the native control inside a library component. Vant's
 * Field and Stepper, and some Element Plus inputs, send extra attributes to their wrapper, not to
 * the `<input>` the label points at, so the label and error links would otherwise miss it.
 */
export const vControl: Directive<HTMLElement, WidgetField> = {
  mounted(el, binding) {
    apply(el, binding);
    // Widgets loaded on demand (and libraries that re-render their input) add the input later.
    const observer = new MutationObserver(() => apply(el, { value: latest.get(el)! }));
    observer.observe(el, { childList: true, subtree: true });
    observers.set(el, observer);
  },
  updated: apply,
  beforeUnmount(el) {
    observers.get(el)?.disconnect();
    observers.delete(el);
    latest.delete(el);
  },
};

const observers = new WeakMap<HTMLElement, MutationObserver>();
const latest = new WeakMap<HTMLElement, WidgetField>();

function apply(el: HTMLElement, binding: { value: WidgetField }): void {
  const field = binding.value;
  latest.set(el, field);
  const input = el.querySelector('input:not([type="hidden"]),textarea');
  if (!input) return;
  if (input.id !== field.id) input.id = field.id;
  setOrRemove(input, 'aria-describedby', field.describedBy);
  setOrRemove(input, 'aria-invalid', field.invalid ? 'true' : undefined);
  setOrRemove(input, 'aria-required', field.required ? 'true' : undefined);
}

/** Writes only on change, so the directive's own writes never feed back into it. */
function setOrRemove(el: Element, name: string, value: string | undefined): void {
  if (el.getAttribute(name) === (value ?? null)) return;
  if (value === undefined) el.removeAttribute(name);
  else el.setAttribute(name, value);
}

/** ARIA attributes for a grouped control (radios, checkboxes, rating) labelled by the form. */
export function groupAria(field: WidgetField): Record<string, string | undefined> {
  return {
    'aria-labelledby': field.labelId,
    'aria-describedby': field.describedBy,
    'aria-invalid': field.invalid ? 'true' : undefined,
    'aria-required': field.required ? 'true' : undefined,
  };
}
