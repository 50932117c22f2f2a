import { HttpError } from './errors';
import { badText, isCleanText } from './text';

export interface BodyGuardOptions {
  /** `$`-keys a route legitimately accepts (the registry takes `$defs`/`$ref` in manifests). */
  allowDollarKeys?: readonly string[];
  maxDepth?: number;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
export const DEFAULT_MAX_DEPTH = 32;

/**
 * Refuses JSON bodies that could reach the database as operators (`$`-keys), pollute prototypes
 * (`__proto__`, `constructor`, `prototype`), exhaust the stack of whoever walks them (deep
 * nesting) or hold text that is not text (a NUL, a lone surrogate: see text.ts). Runs before validation, on every route, so nothing downstream sees such a body.
 * Dots in keys are allowed: bodies are validated by closed schemas or stored as JSON strings.
 */
export function guardBody(body: unknown, options: BodyGuardOptions = {}): void {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const allowed = new Set(options.allowDollarKeys ?? []);
  const stack: { value: unknown; depth: number; pointer: string }[] = [
    { value: body, depth: 0, pointer: '/body' },
  ];
  while (stack.length) {
    const { value, depth, pointer } = stack.pop()!;
    if (typeof value === 'string' && !isCleanText(value)) throw badText(pointer);
    if (value === null || typeof value !== 'object') continue;
    if (depth >= maxDepth) {
      throw reject(pointer, `nests deeper than ${maxDepth} levels`);
    }
    if (Array.isArray(value)) {
      value.forEach((v, i) =>
        stack.push({ value: v, depth: depth + 1, pointer: `${pointer}/${i}` }),
      );
      continue;
    }
    for (const key of Object.keys(value)) {
      const at = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (FORBIDDEN_KEYS.has(key)) throw reject(at, 'is a reserved key');
      if (!isCleanText(key)) throw badText(at);
      if (key.startsWith('$') && !allowed.has(key)) throw reject(at, 'may not start with "$"');
      stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1, pointer: at });
    }
  }
}

function reject(pointer: string, message: string): HttpError {
  return new HttpError(400, 'unsafe_body', 'The request body has a key or shape we never accept.', [
    { pointer, message },
  ]);
}
