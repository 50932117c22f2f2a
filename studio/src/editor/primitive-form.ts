import type { FormSchema } from '@scene/forms';
import { primitiveCatalog, type LocalizedText } from '@scene/schema';
import { PROP_NAMES, PROP_VALUE_NAMES } from './block-names';

/**
 * The property form of a primitive, generated from its props schema in the catalog. The catalog
 * says "localized text or a binding" with `anyOf`, which a form cannot edit as one field; here a
 * text prop becomes its two languages, an image source its address, and what only a binding
 * can fill (records, actions' values) is left to the code tab, named in `codeOnly`.
 */
export interface PrimitiveForm {
  schema: FormSchema;
  /** Props the form does not edit (bindings, free value maps): the code tab edits them. */
  codeOnly: string[];
}

type Json = Record<string, unknown>;

/** Both languages of a text; a one-line box each, but a markdown source gets room. */
function languages(widget: 'input' | 'textarea'): FormSchema {
  const one = (zh: string, en: string): FormSchema => ({
    type: 'string',
    title: { 'zh-CN': zh, en },
    minLength: 1,
    maxLength: 4000,
    'x-widget': widget,
  });
  return {
    type: 'object',
    properties: { 'zh-CN': one('中文', 'Chinese'), en: one('英文', 'English') },
    required: ['zh-CN', 'en'],
  };
}

function isBinding(s: Json): boolean {
  const props = s.properties as Json | undefined;
  return !!props && 'bind' in props && Object.keys(props).length === 1;
}

/** One prop's schema as the form reads it, or null when only the code tab can edit it. */
function convert(name: string, raw: Json): FormSchema | null {
  const title: LocalizedText | undefined = PROP_NAMES[name];
  switch (raw.$comment) {
    case 'text-or-binding':
      return defined({ ...languages(name === 'source' ? 'textarea' : 'input'), title });
    case 'image-source': {
      const literal = (raw.anyOf as Json[])[0]!;
      return defined({ type: 'string', title, maxLength: 500, pattern: literal.pattern as string });
    }
    case 'value-or-binding':
      return null;
  }
  if (isBinding(raw)) return null;
  if (Array.isArray(raw.enum)) {
    const labels = PROP_VALUE_NAMES[name];
    return defined({ type: 'string', title, enum: raw.enum as string[], 'x-labels': labels });
  }
  if (raw.type === 'object' && raw.properties) {
    const inner = convertObject(raw);
    return inner ? defined({ ...inner, title }) : null;
  }
  if (raw.type === 'object') return null;
  if (raw.type === 'array') {
    const items = raw.items as Json;
    const item = convert(name, items);
    if (!item) return null;
    const { title: _title, ...itemOnly } = item;
    return defined({
      type: 'array',
      title,
      items: itemOnly,
      minItems: raw.minItems as number | undefined,
      maxItems: raw.maxItems as number | undefined,
    });
  }
  const { pattern, minimum, maximum } = raw as {
    pattern?: string;
    minimum?: number;
    maximum?: number;
  };
  return defined({ type: raw.type as FormSchema['type'], title, pattern, minimum, maximum });
}

/** Drops keys set to undefined: validators read a present `pattern: undefined` as a pattern. */
function defined(schema: FormSchema): FormSchema {
  return Object.fromEntries(
    Object.entries(schema).filter(([, v]) => v !== undefined),
  ) as FormSchema;
}

function convertObject(raw: Json): FormSchema | null {
  const properties: Record<string, FormSchema> = {};
  for (const [key, prop] of Object.entries((raw.properties as Record<string, Json>) ?? {})) {
    const field = convert(key, prop);
    if (field) properties[key] = field;
  }
  if (!Object.keys(properties).length) return null;
  const required = ((raw.required as string[] | undefined) ?? []).filter((k) => k in properties);
  return { type: 'object', properties, required };
}

/** The generated form of a primitive type; undefined for a type the catalog does not have. */
export function primitiveForm(type: string): PrimitiveForm | undefined {
  const spec = primitiveCatalog[type];
  if (!spec) return undefined;
  const props = (spec.props.properties as Record<string, Json> | undefined) ?? {};
  const properties: Record<string, FormSchema> = {};
  const codeOnly: string[] = [];
  for (const [key, prop] of Object.entries(props)) {
    const field = convert(key, prop);
    if (field) properties[key] = field;
    else codeOnly.push(key);
  }
  const required = ((spec.props.required as string[] | undefined) ?? []).filter(
    (k) => k in properties,
  );
  return { schema: { type: 'object', properties, required }, codeOnly };
}

function bound(v: unknown): boolean {
  return typeof v === 'object' && v !== null && 'bind' in v;
}

/**
 * The form for one block's props: a prop the block fills from a binding stays out of the form
 * (its text boxes could only replace the binding) and joins the code-only ones.
 */
export function primitiveFormFor(
  type: string,
  props: Record<string, unknown>,
): PrimitiveForm | undefined {
  const form = primitiveForm(type);
  if (!form) return undefined;
  const boundKeys = Object.keys(form.schema.properties ?? {}).filter((k) => bound(props[k]));
  if (!boundKeys.length) return form;
  const properties = Object.fromEntries(
    Object.entries(form.schema.properties ?? {}).filter(([k]) => !boundKeys.includes(k)),
  );
  return {
    schema: {
      ...form.schema,
      properties,
      required: (form.schema.required ?? []).filter((k) => k in properties),
    },
    codeOnly: [...form.codeOnly, ...boundKeys],
  };
}
