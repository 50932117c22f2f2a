import type { VendorSchema } from './types';

const ANNOTATIONS = new Set(['title', 'description']);

/**
 * The plain JSON Schema ajv compiles: UI hints and localized annotations removed, and every
 * object closed (the subset's rule even where `additionalProperties` is not written).
 */
export function toRuntimeSchema(schema: VendorSchema): Record<string, unknown> {
  const strip = (s: VendorSchema): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(s)) {
      if (k.startsWith('x-') || ANNOTATIONS.has(k)) continue;
      if (k === 'properties' || k === '$defs')
        out[k] = Object.fromEntries(
          Object.entries(v as Record<string, VendorSchema>).map(([n, c]) => [n, strip(c)]),
        );
      else if (k === 'items') out[k] = strip(v as VendorSchema);
      else out[k] = v;
    }
    if (s.type === 'object') out.additionalProperties = false;
    return out;
  };
  return strip(schema);
}

/** `node` (a part of the schema `root`) as a schema of its own: its `$ref`s still resolve. */
export function subsetRoot(root: VendorSchema, node: VendorSchema): Record<string, unknown> {
  const out = toRuntimeSchema(node);
  if (root.$defs) out.$defs = toRuntimeSchema({ $defs: root.$defs } as VendorSchema).$defs;
  return out;
}
