import { createBrowserValidator, fieldIssues, localize } from '@scene/schema';
import { uiText } from './messages';
import { isConsent, resolveSchema, schemaAt } from './schema';
import { hiddenPointers, isUnderAny } from './visibility';
import type { FieldErrors, FormSchema, Locale } from './types';

export interface FormValidator {
  /**
   * Errors per field pointer, in the locale's words. Fields hidden by `x-visibleIf` are not
   * checked: the user cannot see or fix them.
   */
  validate(value: unknown, locale: Locale, vars?: Readonly<Record<string, unknown>>): FieldErrors;
}

/**
 * Prepares a schema once for repeated validation. The engine is @scene/schema's browser
 * validator (CSP-safe: no `eval`) and the words are its field register, the same formatter the
 * server and the CLI use, so a form and `scene plugin validate` agree on what is wrong.
 *
 * A schema outside the subset must not break the form: a `$ref` the browser cannot resolve
 * (remote, or to a missing definition) accepts anything here (the form shows a notice for it and
 * the server still checks the value), and an engine failure reports no field errors rather than
 * throwing out of a keystroke.
 */
export function createValidator(schema: FormSchema): FormValidator {
  const check = createBrowserValidator(localRefsOnly(schema, schema) as object);
  return {
    validate(value, locale, vars = {}) {
      let errors;
      try {
        errors = check(value);
      } catch {
        return {};
      }
      if (!errors.length) return {};
      const hidden = hiddenPointers(schema, value, vars);
      const out = new Map<string, Set<string>>();
      for (const issue of fieldIssues(errors)) {
        if (isUnderAny(issue.pointer, hidden)) continue;
        const consent =
          (issue.code === 'schema.const' || issue.code === 'schema.required') &&
          isConsent(resolveSchema(schemaAt(schema, issue.pointer), schema));
        if (!out.has(issue.pointer)) out.set(issue.pointer, new Set());
        out
          .get(issue.pointer)!
          .add(consent ? uiText('consent', locale) : localize(issue.message, locale));
      }
      return Object.fromEntries([...out].map(([k, v]) => [k, [...v]]));
    },
  };
}

/** A copy of the schema with every `$ref` that does not point inside it replaced by `{}`. */
function localRefsOnly(node: unknown, root: unknown): unknown {
  if (Array.isArray(node)) return node.map((n) => localRefsOnly(n, root));
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref' && (typeof v !== 'string' || !resolvesIn(root, v))) continue;
    out[k] = localRefsOnly(v, root);
  }
  return out;
}

function resolvesIn(root: unknown, ref: string): boolean {
  if (!ref.startsWith('#')) return false;
  let cur = root;
  for (const seg of ref.slice(1).split('/').slice(1)) {
    const key = decodeURIComponent(seg).replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof cur !== 'object' || cur === null || !Object.hasOwn(cur, key)) return false;
    cur = (cur as Record<string, unknown>)[key];
  }
  return typeof cur === 'object' && cur !== null;
}
