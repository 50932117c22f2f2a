import { localize, type JsonLiteral } from '@scene/schema';
import { getAt, parsePointer } from './pointer';
import type { FormEnv, FormSchema, Locale, Option, SchemaTypeName, Text } from './types';

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

/**
 * A `const: true` yes/no field: an affirmation ("I agree to ...") the person must tick. It is
 * shown as a checkbox that starts unticked, never hidden and filled in for them.
 */
export function isConsent(schema: FormSchema): boolean {
  return schema.const === true && (schema.type === undefined || schema.type === 'boolean');
}

/** The schema of the value at a pointer (object properties and list items), unresolved. */
export function schemaAt(root: FormSchema, pointer: string): FormSchema {
  let cur = root;
  for (const seg of parsePointer(pointer)) {
    const own = resolveSchema(cur, root);
    cur = own.properties?.[seg] ?? own.items ?? {};
  }
  return cur;
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

/**
 * Choices of an enum (or of an array's enum items), labelled from `x-labels`; or, with
 * `x-options`, the elements of a config array.
 */
export function optionsOf(
  schema: FormSchema,
  root: FormSchema,
  locale: Locale,
  env: FormEnv = {},
): Option[] {
  const own = resolveSchema(schema, root);
  const source =
    own.enum || own['x-options'] ? own : own.items ? resolveSchema(own.items, root) : own;
  const bound = source['x-options'];
  if (bound) return configOptions(bound, env.config, locale);
  return (source.enum ?? []).map((value) => ({
    value,
    label: localize(source['x-labels']?.[String(value)], locale) || String(value),
  }));
}

function configOptions(
  bound: NonNullable<FormSchema['x-options']>,
  config: unknown,
  locale: Locale,
): Option[] {
  const path = bound.bind.replace(/^config\./, '').split('.');
  const list = getAt(config, path.map((p) => `/${p}`).join(''));
  if (!Array.isArray(list)) return [];
  const out: Option[] = [];
  for (const el of list) {
    if (typeof el !== 'object' || el === null) continue;
    const value = (el as Record<string, unknown>)[bound.value];
    if (!['string', 'number', 'boolean'].includes(typeof value)) continue;
    const label = (el as Record<string, unknown>)[bound.label];
    out.push({
      value: value as JsonLiteral,
      label:
        (typeof label === 'string' || (typeof label === 'object' && label !== null)
          ? localize(label as Text, locale)
          : '') || String(value),
    });
  }
  return out;
}

/**
 * Filter vars for `x-visibleIf`: the caller's vars plus every `config.<path>` of the config
 * (the evaluator looks vars up by their full name).
 */
export function varsOf(env: FormEnv): Record<string, unknown> {
  const out: Record<string, unknown> = { ...env.vars };
  const walk = (v: unknown, name: string, depth: number): void => {
    out[name] = v;
    if (depth >= 6 || typeof v !== 'object' || v === null || Array.isArray(v)) return;
    for (const [k, child] of Object.entries(v)) walk(child, `${name}.${k}`, depth + 1);
  };
  if (typeof env.config === 'object' && env.config !== null) {
    for (const [k, child] of Object.entries(env.config)) walk(child, `config.${k}`, 1);
  }
  return out;
}
