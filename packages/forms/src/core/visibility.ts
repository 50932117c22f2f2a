import { evaluateFilter } from '@scene/schema';
import { fieldsOf } from './fields';
import { getAt, joinPointer } from './pointer';
import { resolveSchema } from './schema';
import type { FormSchema } from './types';

/**
 * Whether a field shows, by its `x-visibleIf` filter over the whole form value (paths are
 * relative to the form root). A filter that is malformed shows the field rather than hiding
 * input the user may need; the manifest linter reports the filter itself.
 */
export function isVisible(
  schema: FormSchema,
  rootValue: unknown,
  vars: Readonly<Record<string, unknown>> = {},
): boolean {
  const filter = schema['x-visibleIf'];
  if (filter === undefined) return true;
  try {
    return evaluateFilter(filter, rootValue ?? {}, vars);
  } catch {
    return true;
  }
}

/** Pointers of every hidden field in the current value (their subtrees are hidden too). */
export function hiddenPointers(
  root: FormSchema,
  value: unknown,
  vars: Readonly<Record<string, unknown>> = {},
): Set<string> {
  const out = new Set<string>();
  const walk = (schema: FormSchema, base: string): void => {
    const own = resolveSchema(schema, root);
    if (own.properties) {
      for (const field of fieldsOf(own, root, base)) {
        if (!isVisible(field.schema, value, vars)) out.add(field.pointer);
        else walk(field.schema, field.pointer);
      }
    } else if (own.items) {
      const list = getAt(value, base);
      if (Array.isArray(list)) list.forEach((_, i) => walk(own.items!, joinPointer(base, i)));
    }
  };
  walk(root, '');
  return out;
}

/** Whether `pointer` is one of `hidden` or lies inside one. */
export function isUnderAny(pointer: string, hidden: ReadonlySet<string>): boolean {
  for (const h of hidden) if (pointer === h || pointer.startsWith(`${h}/`)) return true;
  return false;
}
