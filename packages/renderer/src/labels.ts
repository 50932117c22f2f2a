// How a bound value reads on screen: a workflow state or an enum value by its label, a choice
// from a config list by its name, yes/no, dates in the community's zone — in the reader's
// language, never the stored value.
import { DEFAULT_TIME_ZONE, type VendorSchema, type WorkflowState } from '@scene/schema';
import { readPath, textOf } from './bindings';
import type { Locale } from './data-source';
import { formatValue, looksLikeTimestamp } from './format';
import { message } from './messages';
import type { RenderScope } from './scope';

const has = (o: object | undefined, k: string) =>
  o !== undefined && Object.prototype.hasOwnProperty.call(o, k);

/** A node with its local `$ref` (`#/$defs/<name>`) followed, its own keywords on top. */
function deref(root: VendorSchema, node: VendorSchema | undefined): VendorSchema | undefined {
  const name = node?.$ref?.slice('#/$defs/'.length);
  const target = name && has(root.$defs, name) ? root.$defs![name] : undefined;
  return target ? { ...target, ...node } : node;
}

/** A (dotted) path down a schema; array items are looked through. */
function schemaAt(root: VendorSchema | undefined, path: string): VendorSchema | undefined {
  if (!root) return undefined;
  let node: VendorSchema | undefined = root;
  for (const part of path.split('.')) {
    node = deref(root, node);
    if (node?.type === 'array') node = deref(root, node.items);
    node = node?.properties && has(node.properties, part) ? node.properties[part] : undefined;
  }
  return deref(root, node);
}

/** What a bound path says about its values: its schema and, for a workflow field, its states. */
export interface BoundField {
  schema?: VendorSchema;
  states?: WorkflowState[];
}

/**
 * The field behind a binding: `item.<field>` in the scope's collection (or config array),
 * `config.<path>` in the plugin's configuration.
 */
export function boundField(bind: string, scope: RenderScope): BoundField {
  const manifest = scope.plugin?.manifest;
  if (!manifest) return {};
  if (bind.startsWith('config.')) return { schema: schemaAt(manifest.config, bind.slice(7)) };
  if (!bind.startsWith('item.')) return {};
  const field = bind.slice(5);
  const from = scope.itemFrom;
  if (from && 'config' in from) {
    // An entry's fields live under the array's `items`, with the config's `$defs` at the root.
    const list = schemaAt(manifest.config, from.config);
    const entry = list?.items ? { ...list.items, $defs: manifest.config.$defs } : undefined;
    return { schema: schemaAt(entry, field) };
  }
  const def =
    from && has(manifest.collections, from.collection)
      ? manifest.collections[from.collection]
      : undefined;
  if (!def) return {};
  const states = def.workflow?.field === field ? def.workflow.states : undefined;
  return { schema: schemaAt(def.schema, field), states };
}

export interface FieldContext {
  scope: RenderScope;
  locale: Locale;
  timeZone?: string;
}

/** A value as it reads on screen (see the module comment). */
export function fieldText(value: unknown, field: BoundField, ctx: FieldContext): string {
  if (value === undefined || value === null || value === '') return '';
  const { locale } = ctx;
  const zone = ctx.timeZone ?? DEFAULT_TIME_ZONE;
  const state = field.states?.find((s) => s.id === value);
  if (state) return textOf(state.label, locale);
  const one = (v: unknown, s: VendorSchema | undefined): string => {
    const labels = s?.['x-labels'];
    if (labels && typeof v === 'string' && has(labels, v)) return textOf(labels[v], locale);
    const options = s?.['x-options'];
    if (options) {
      const list = readPath({ config: ctx.scope.plugin?.config ?? {} }, options.bind);
      const entry = Array.isArray(list)
        ? (list.find((e) => (e as Record<string, unknown>)?.[options.value] === v) as
            Record<string, unknown> | undefined)
        : undefined;
      if (entry) return textOf(entry[options.label], locale);
    }
    if (typeof v === 'boolean') return message(locale, v ? 'yes' : 'no');
    if (s?.format === 'date' || s?.format === 'date-time')
      return formatValue(v, s.format === 'date' ? 'date' : 'datetime', locale, zone);
    if (looksLikeTimestamp(v)) return formatValue(v, 'datetime', locale, zone);
    return textOf(v, locale);
  };
  if (Array.isArray(value))
    return value.map((v) => one(v, field.schema?.items)).join(locale === 'en' ? ', ' : '、');
  return one(value, field.schema);
}

/**
 * `tel:` for a phone number a person may call: a field declared `x-widget: "phone"` (or
 * `x-pii: "phone"`) whose value is shown in clear. A masked value (`138****1234`) is no link.
 */
export function telHref(value: unknown, field: BoundField): string | undefined {
  const s = field.schema;
  if (s?.['x-widget'] !== 'phone' && s?.['x-pii'] !== 'phone') return undefined;
  if (typeof value !== 'string' || !/^\+?[0-9][0-9 -]{2,}$/.test(value.trim())) return undefined;
  return `tel:${value.replace(/[^0-9+]/g, '')}`;
}
