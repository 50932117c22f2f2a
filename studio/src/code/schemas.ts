import type { Block, LocalizedText, PluginManifest } from '@scene/schema';
import { portalSchema } from '@scene/schema';
import type { SchemaAssociation } from './monaco';

// Monaco's JSON service reads `title`/`description` as strings; vendor schemas carry
// `{zh-CN, en}` pairs, so they are flattened for the editor's hovers and completion.
function forEditor(schema: unknown, locale: string): unknown {
  if (Array.isArray(schema)) return schema.map((s) => forEditor(s, locale));
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    if ((k === 'title' || k === 'description') && v && typeof v === 'object') {
      const text = v as LocalizedText;
      out[k] = locale === 'en' ? text.en : text['zh-CN'];
    } else if (k === '$schema' || k === '$id' || k.startsWith('x-')) {
      continue;
    } else {
      out[k] = forEditor(v, locale);
    }
  }
  return out;
}

const defs = portalSchema.$defs;

export function portalAssociation(uri: string): SchemaAssociation {
  return {
    uri: 'scene://schemas/portal.json',
    fileMatch: [uri],
    schema: forEditor(portalSchema, 'zh-CN'),
  };
}

export function pageAssociation(uri: string): SchemaAssociation {
  return {
    uri: 'scene://schemas/page.json',
    fileMatch: [uri],
    schema: forEditor({ ...portalSchema.properties.pages.items, $defs: defs }, 'zh-CN'),
  };
}

/** A plugin block gets its plugin's own config schema, so config keys complete and check. */
export function blockAssociation(
  uri: string,
  block: Block,
  manifest: PluginManifest | undefined,
  locale: string,
): SchemaAssociation {
  const schema =
    block.kind === 'plugin' && manifest
      ? {
          type: 'object',
          properties: {
            kind: { const: 'plugin' },
            id: { const: block.id },
            plugin: { const: block.plugin },
            view: { enum: manifest.views.filter((v) => v.slot === 'block').map((v) => v.id) },
            config: forEditor(manifest.config, locale),
          },
          required: ['kind', 'id', 'plugin', 'view'],
          additionalProperties: false,
          $defs: forEditor(manifest.config.$defs ?? {}, locale),
        }
      : { $ref: '#/$defs/block', $defs: forEditor(defs, locale) };
  return { uri: `scene://schemas/block-${block.id}.json`, fileMatch: [uri], schema };
}
