import type { JsonSchema } from './validation';

const names = new WeakMap<object, string>();

/**
 * Names a reusable schema. The OpenAPI document lists it once under `components.schemas` and
 * refers to it wherever the same object is used; validation uses the object itself.
 */
export function component<S extends JsonSchema>(name: string, schema: S): S {
  const existing = names.get(schema);
  if (existing && existing !== name) throw new Error(`schema named twice: ${existing}, ${name}`);
  names.set(schema, name);
  return schema;
}

export const componentName = (schema: object): string | undefined => names.get(schema);
