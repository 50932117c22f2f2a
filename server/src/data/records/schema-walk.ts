import type { VendorSchema } from '@scene/schema';

type SchemaNode = Record<string, unknown>;

/** A field found in a schema: its path (`*` = every array element) and the hint's value. */
export interface HintedField {
  path: string[];
  value: string;
}

/**
 * Lists the fields of a vendor schema carrying a string `x-…` hint (`x-pii`, `x-ref`), through
 * nested objects, array items and local `$ref`s.
 */
export function fieldsWithHint(schema: VendorSchema | undefined, hint: string): HintedField[] {
  if (!schema) return [];
  const root = schema as unknown as SchemaNode;
  const defs = (root.$defs ?? {}) as Record<string, SchemaNode>;
  const out: HintedField[] = [];
  const visit = (node: SchemaNode | undefined, path: string[], depth: number): void => {
    if (!node || typeof node !== 'object' || depth > 12) return;
    if (typeof node.$ref === 'string' && node.$ref.startsWith('#/$defs/')) {
      visit(defs[node.$ref.slice('#/$defs/'.length)], path, depth + 1);
    }
    if (typeof node[hint] === 'string') {
      out.push({ path, value: node[hint] as string });
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

/** Every value found at a hinted path in a document. */
export function valuesAt(doc: unknown, path: string[]): unknown[] {
  if (path.length === 0) return [doc];
  if (typeof doc !== 'object' || doc === null) return [];
  const [head, ...rest] = path as [string, ...string[]];
  if (head === '*') return Array.isArray(doc) ? doc.flatMap((el) => valuesAt(el, rest)) : [];
  if (Array.isArray(doc) || !Object.hasOwn(doc, head)) return [];
  return valuesAt((doc as Record<string, unknown>)[head], rest);
}
