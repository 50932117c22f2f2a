import { manifestMetaSchema, type LocalizedText } from '@scene/schema';

export const MANIFEST_MODEL_URI = 'scene://vendor/plugin.json';

// Monaco's JSON service reads `title`/`description` as strings, and knows nothing of our
// `x-` keywords; the meta-schema's `{zh-CN, en}` pairs are flattened for hovers and completion.
function forEditor(schema: unknown, locale: string): unknown {
  if (Array.isArray(schema)) return schema.map((s) => forEditor(s, locale));
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    if ((k === 'title' || k === 'description') && v && typeof v === 'object' && 'en' in v) {
      out[k] = locale === 'en' ? (v as LocalizedText).en : (v as LocalizedText)['zh-CN'];
    } else if (k === '$schema' || k === '$id') {
      continue;
    } else {
      out[k] = forEditor(v, locale);
    }
  }
  return out;
}

/** The manifest meta-schema bound to the vendor's editor model (completion + schema checks). */
export function manifestAssociation(locale: string) {
  return {
    uri: 'scene://schemas/plugin-manifest.json',
    fileMatch: [MANIFEST_MODEL_URI],
    schema: forEditor(manifestMetaSchema, locale),
  };
}
