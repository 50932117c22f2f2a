import { normalizePointer } from './pointer';
import type { FieldErrors } from './types';

interface Detail {
  pointer?: unknown;
  instancePath?: unknown;
  message?: unknown;
}

/**
 * Field errors from an API error body `{error:{code:'validation_failed', details:[{pointer,
 * message}]}}` (or from its `details` array alone). Anything else yields no field errors, so a
 * caller can pass any failed response body without checking it first.
 */
export function serverErrorsOf(body: unknown): FieldErrors {
  const details = Array.isArray(body)
    ? body
    : (body as { error?: { details?: unknown } } | null)?.error?.details;
  if (!Array.isArray(details)) return {};
  const out: FieldErrors = {};
  for (const d of details as Detail[]) {
    const raw = typeof d?.pointer === 'string' ? d.pointer : d?.instancePath;
    if (typeof raw !== 'string' || typeof d.message !== 'string') continue;
    const pointer = normalizePointer(raw);
    (out[pointer] ??= []).push(d.message);
  }
  return out;
}

/** Both sets of errors per pointer, without repeating a message. */
export function mergeErrors(...sets: FieldErrors[]): FieldErrors {
  const out: FieldErrors = {};
  for (const set of sets) {
    for (const [pointer, messages] of Object.entries(set)) {
      const list = (out[pointer] ??= []);
      for (const msg of messages) if (!list.includes(msg)) list.push(msg);
    }
  }
  return out;
}
