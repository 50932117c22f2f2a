import type { JsonLiteral } from '@scene/schema';
import type { FormSchema, Locale, Option, SchemaTypeName, Text } from './types';

/** The text in the wanted locale, falling back to the other one so a label is never empty. */
export function localize(text: Text | undefined, locale: Locale): string | undefined {
  if (text === undefined) return undefined;
  if (typeof text === 'string') return text;
  return text[locale] || text[locale === 'zh-CN' ? 'en' : 'zh-CN'] || undefined;
}

const REF_PREFIX = '#/$defs/';

/**
 * The schema the form should read for a node: `$ref` (only `#/$defs/<name>`) replaced by its
 * target with the node's own keywords on top, and `oneOf` const choices folded into `enum` +
 * `x-labels`. Validation keeps using the original schema.
 */
export function resolveSchema(schema: FormSchema, root: FormSchema): FormSchema {
  let out = schema;
  const seen = new Set<string>();
  while (out.$ref !== undefined && out.$ref.startsWith(REF_PREFIX) && !seen.has(out.$ref)) {
    seen.add(out.$ref);
    const target = root.$defs?.[out.$ref.slice(REF_PREFIX.length)];
    if (!target) break;
    const { $ref: _ref, ...own } = out;
    out = { ...target, ...own };
  }
  const choices = constChoices(out);
  if (choices) {
    const labels: Record<string, Text> = {};
    for (const c of choices) if (c.title !== undefined) labels[String(c.const)] = c.title;
    out = {
      ...out,
      type: out.type ?? literalType(choices[0]!.const),
      enum: choices.map((c) => c.const),
      'x-labels': { ...labels, ...out['x-labels'] },
    };
  }
  return out;
}

/** `oneOf` items that are all `{const, title?}`: an enum with labels in another spelling. */
function constChoices(schema: FormSchema): { const: JsonLiteral; title?: Text }[] | undefined {
  const items = schema.oneOf;
  if (!items || items.length === 0) return undefined;
  if (!items.every((i) => i.const !== undefined)) return undefined;
  return items.map((i) => ({ const: i.const as JsonLiteral, title: i.title }));
}

function literalType(v: JsonLiteral): SchemaTypeName | undefined {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return undefined;
}

/** The schema's type, guessed from `enum`/`const`/`properties`/`items` when `type` is missing. */
export function typeOf(schema: FormSchema): SchemaTypeName | undefined {
  if (schema.type) return schema.type;
  if (schema.const !== undefined) return literalType(schema.const);
  if (schema.enum && schema.enum.length > 0) return literalType(schema.enum[0]!);
  if (schema.properties) return 'object';
  if (schema.items) return 'array';
  return undefined;
}

/** Choices of an enum (or of an array's enum items), labelled from `x-labels`. */
export function optionsOf(schema: FormSchema, root: FormSchema, locale: Locale): Option[] {
  const own = resolveSchema(schema, root);
  const source = own.enum ? own : own.items ? resolveSchema(own.items, root) : own;
  return (source.enum ?? []).map((value) => ({
    value,
    label: localize(source['x-labels']?.[String(value)], locale) ?? String(value),
  }));
}
