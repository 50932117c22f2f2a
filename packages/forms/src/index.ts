// Public surface of @scene/forms: the form core (schema → fields, values, validation) and the
// renderer component. Widget maps live at `@scene/forms/vant` and `@scene/forms/element-plus`;
// `@scene/forms/lazy` loads a component's code on first use, as a phone's network allows.
export { default as SchemaForm } from './vue/SchemaForm.vue';
export { fieldsOf, groupFields } from './core/fields';
export { widgetFor } from './core/widget';
export { optionsOf, resolveSchema, varsOf } from './core/schema';
export { getAt, setAt, joinPointer, parsePointer } from './core/pointer';
export { applyDefaults, newItem, addItem, removeItem, moveItem } from './core/values';
export { isVisible } from './core/visibility';
export { createValidator, type FormValidator } from './core/validate';
export { serverErrorsOf, mergeErrors } from './core/server-errors';
export type {
  FieldErrors,
  FieldGroup,
  FieldNode,
  FormEnv,
  FormSchema,
  Locale,
  Option,
  Text,
  UploadFn,
  WidgetKind,
} from './core/types';
export type { ButtonKind, WidgetField, WidgetMap, WidgetProps } from './vue/context';
