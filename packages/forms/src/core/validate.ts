import { createBrowserValidator, fieldIssues, localize } from '@scene/schema';
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
 */
export function createValidator(schema: FormSchema): FormValidator {
  const check = createBrowserValidator(schema);
  return {
    validate(value, locale, vars = {}) {
      const errors = check(value);
      if (!errors.length) return {};
      const hidden = hiddenPointers(schema, value, vars);
      const out = new Map<string, Set<string>>();
      for (const issue of fieldIssues(errors)) {
        if (isUnderAny(issue.pointer, hidden)) continue;
        if (!out.has(issue.pointer)) out.set(issue.pointer, new Set());
        out.get(issue.pointer)!.add(localize(issue.message, locale));
      }
      return Object.fromEntries([...out].map(([k, v]) => [k, [...v]]));
    },
  };
}
