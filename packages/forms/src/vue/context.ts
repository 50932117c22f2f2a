import { inject, type Component, type InjectionKey, type Ref } from 'vue';
import type {
  FieldErrors,
  FormEnv,
  FormSchema,
  Locale,
  Option,
  UploadFn,
  WidgetKind,
} from '../core/types';

/**
 * A widget map: the controls that edit each kind of field, plus optional skins for the form's own
 * parts. A kind the map lacks is edited with `controls.input`.
 */
export interface WidgetMap {
  controls: Partial<Record<WidgetKind, Component>>;
  /**
   * Kinds whose control is a group (radios, a rating...) labelled with `aria-labelledby`; for the
   * others the form renders `<label for>` pointing at the control's `id`.
   */
  labelledBy?: readonly WidgetKind[];
  /** A root `x-groups` section. Props: `title`, `id`; default slot. Default: a `<fieldset>`. */
  group?: Component;
  /** A list button. Props: `text`, `label` (accessible name), `kind`, `disabled`; emits `click`. */
  button?: Component;
}

export type ButtonKind = 'add' | 'remove' | 'up' | 'down';

/** What a widget gets in its `field` prop (its value comes as `modelValue`). */
export interface WidgetField {
  /** Put on the focusable control (the label's `for` points here). */
  id: string;
  /** Id of the visible label, for `aria-labelledby` on grouped controls. */
  labelId: string;
  /** Ids of the description and error texts, for `aria-describedby`. */
  describedBy: string | undefined;
  invalid: boolean;
  label: string;
  placeholder: string | undefined;
  required: boolean;
  disabled: boolean;
  schema: FormSchema;
  root: FormSchema;
  widget: WidgetKind;
  options: Option[];
  locale: Locale;
  pointer: string;
}

/** Props every widget component declares. Widgets emit `update:modelValue` and `blur`. */
export interface WidgetProps {
  modelValue: unknown;
  field: WidgetField;
}

export interface FormContext {
  root: Ref<FormSchema>;
  value: Ref<unknown>;
  locale: Ref<Locale>;
  disabled: Ref<boolean>;
  widgets: Ref<WidgetMap>;
  env: Ref<FormEnv>;
  /** Filter vars for `x-visibleIf` (the caller's plus `config.*`). */
  vars: Ref<Readonly<Record<string, unknown>>>;
  idPrefix: string;
  /** Errors to show now at exactly this pointer (client ones once touched, server ones until edited). */
  shownErrors: Ref<FieldErrors>;
  update(pointer: string, next: unknown): void;
  touch(pointer: string): void;
  addItem(pointer: string): void;
  removeItem(pointer: string, index: number): void;
  moveItem(pointer: string, from: number, to: number): void;
  upload: Ref<UploadFn | undefined>;
  previewUrl: Ref<((uploadId: string) => string) | undefined>;
}

export const FORM_CONTEXT: InjectionKey<FormContext> = Symbol('scene-form');

export function useFormContext(): FormContext {
  const ctx = inject(FORM_CONTEXT);
  if (!ctx) throw new Error('a form widget was used outside <SchemaForm>');
  return ctx;
}

/** The DOM id of a field's control. Pointers are property names and indexes, so `.` is safe. */
export function controlId(prefix: string, pointer: string): string {
  return `${prefix}${pointer.replace(/\//g, '.').replace(/\s/g, '_')}`;
}
