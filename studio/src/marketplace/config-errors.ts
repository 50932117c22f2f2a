import { serverErrorsOf, type FieldErrors } from '@scene/forms';

interface ConfigDetail {
  pointer?: unknown;
  message?: unknown;
  messages?: Partial<Record<'zh-CN' | 'en', unknown>>;
}

/**
 * The fields a refused config names (`validation_failed` details point into the request body,
 * `/config/…`), keyed by their pointer inside the config, in the operator's language where the
 * server sent both.
 */
export function configErrorsOf(details: unknown, locale: 'zh-CN' | 'en'): FieldErrors {
  if (!Array.isArray(details)) return {};
  return serverErrorsOf(
    (details as ConfigDetail[])
      .filter((d) => typeof d?.pointer === 'string' && /^\/config(\/|$)/.test(d.pointer))
      .map((d) => ({
        pointer: (d.pointer as string).slice('/config'.length),
        message: typeof d.messages?.[locale] === 'string' ? d.messages[locale] : d.message,
      })),
  );
}
