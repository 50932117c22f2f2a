import type { Directive } from 'vue';
import type { WidgetField } from '../vue/context';

/**
 * Puts the field's `id` and ARIA state on the native control inside a Vant component. Vant's
 * Field and Stepper send extra attributes to their wrapper, not to the `<input>` the label
 * points at, so the form's label and error links would otherwise miss the control.
 */
export const vControl: Directive<HTMLElement, WidgetField> = {
  mounted: apply,
  updated: apply,
};

function apply(el: HTMLElement, binding: { value: WidgetField }): void {
  const field = binding.value;
  const input = el.matches('input,textarea') ? el : el.querySelector('input,textarea');
  if (!input) return;
  input.id = field.id;
  setOrRemove(input, 'aria-describedby', field.describedBy);
  setOrRemove(input, 'aria-invalid', field.invalid ? 'true' : undefined);
  setOrRemove(input, 'aria-required', field.required ? 'true' : undefined);
}

function setOrRemove(el: Element, name: string, value: string | undefined): void {
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
