// Which personal fields a `privacy.clear` rule reaches. The manifest checker refuses a rule that
// reaches none; the server shows exactly the reached fields in clear.
import type { ClearRule } from '../manifest/parts/privacy';

/**
 * Whether a `fields` entry (`contactPhone`, `elder`, `contacts.phone`) covers the personal field
 * at `path` (as listed from the schema, `*` standing for every array element): the entry is the
 * field itself or an object or array above it.
 */
export function coversField(entry: string, path: readonly string[]): boolean {
  const target = path.filter((p) => p !== '*');
  const parts = entry.split('.');
  return parts.length <= target.length && parts.every((p, i) => p === target[i]);
}

/** Whether a rule's `fields` cover the personal field at `path`. */
export function ruleCovers(rule: Pick<ClearRule, 'fields'>, path: readonly string[]): boolean {
  return rule.fields.some((f) => coversField(f, path));
}

/** A personal field of a collection: where it sits (`*` = every array element) and its kind. */
export interface PersonalField {
  path: string[];
  kind: string;
}

type SchemaNode = Record<string, unknown>;

/**
 * The `x-pii` fields of a collection schema, through nested objects, array items and local
 * `$ref`s: what the server masks and what a clear rule may name.
 */
export function personalFields(schema: object | undefined): PersonalField[] {
  if (!schema) return [];
  const root = schema as SchemaNode;
  const defs = (root.$defs ?? {}) as Record<string, SchemaNode>;
  const out: PersonalField[] = [];
  const visit = (node: SchemaNode | undefined, path: string[], depth: number): void => {
    if (!node || typeof node !== 'object' || depth > 12) return;
    if (typeof node.$ref === 'string' && node.$ref.startsWith('#/$defs/')) {
      const name = node.$ref.slice('#/$defs/'.length);
      if (Object.prototype.hasOwnProperty.call(defs, name)) visit(defs[name], path, depth + 1);
    }
    if (typeof node['x-pii'] === 'string') {
      out.push({ path, kind: node['x-pii'] });
      return;
    }
    const props = node.properties as Record<string, SchemaNode> | undefined;
    for (const [k, child] of Object.entries(props ?? {})) visit(child, [...path, k], depth + 1);
    if (node.items && typeof node.items === 'object')
      visit(node.items as SchemaNode, [...path, '*'], depth + 1);
  };
  visit(root, [], 0);
  return out;
}
