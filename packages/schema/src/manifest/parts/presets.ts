// Config presets (templates): named sets of config values a vendor ships with a plugin, e.g. a
// survey's standard question sets. The operator picks one in the studio's property panel and it
// replaces those properties of the block's config, as one undoable step. The meta-schema part,
// its type, the checker and the one way to apply a preset, shared by the studio and the tests.
import { schemaIssues } from '../../errors/format';
import type { Issue } from '../../errors/issue';
import { issue } from '../../errors/messages';
import type { LocalizedText } from '../types';
import { createBrowserValidator } from '../../validators/browser';
import type { VendorSchema } from '../../subset/types';

export interface ConfigPreset {
  /** Unique within the plugin. */
  id: string;
  /** What the studio's picker shows, e.g. 满意度调研（验收前）. */
  label: LocalizedText;
  /** One sentence on when to use it. */
  description?: LocalizedText;
  /** Top-level config properties the preset sets; the others keep the operator's values. */
  config: Record<string, unknown>;
}

/** The `presets` property of the manifest meta-schema. */
export const presetsProperty = {
  type: 'array',
  maxItems: 10,
  items: {
    type: 'object',
    properties: {
      id: { $ref: '#/$defs/identifier' },
      label: { $ref: '#/$defs/localizedText' },
      description: { $ref: '#/$defs/localizedText' },
      config: { type: 'object', minProperties: 1, maxProperties: 50 },
    },
    required: ['id', 'label', 'config'],
    additionalProperties: false,
  },
};

/** The config after choosing `preset`: its properties replace the current ones, whole. */
export function applyPreset(
  config: Record<string, unknown>,
  preset: ConfigPreset,
): Record<string, unknown> {
  return { ...config, ...structuredClone(preset.config) };
}

/**
 * Each preset has a unique id, sets only properties the config declares, and — over the config's
 * top-level defaults — gives a config the config schema accepts (checked with the browser's validator, so
 * the studio finds a broken preset as the CLI does, before an operator picks it).
 */
export function presetIssues(config: VendorSchema, presets: ConfigPreset[] | undefined): Issue[] {
  const out: Issue[] = [];
  const seen = new Set<string>();
  const declared = config.properties ?? {};
  const defaults = Object.fromEntries(
    Object.entries(declared)
      .filter(([, s]) => s.default !== undefined)
      .map(([k, s]) => [k, s.default]),
  );
  const validate = createBrowserValidator(config);
  (presets ?? []).forEach((p, i) => {
    const ptr = `/presets/${i}`;
    if (seen.has(p.id))
      out.push(
        issue(
          `${ptr}/id`,
          'presets.duplicate',
          `模板 “${p.id}” 重复。`,
          `The preset "${p.id}" is declared twice.`,
        ),
      );
    seen.add(p.id);
    for (const key of Object.keys(p.config))
      if (!Object.prototype.hasOwnProperty.call(declared, key))
        out.push(
          issue(
            `${ptr}/config/${key}`,
            'presets.unknown',
            `配置中没有 “${key}”。`,
            `The config declares no "${key}".`,
          ),
        );
    for (const i2 of schemaIssues(validate(applyPreset(defaults, p)), `${ptr}/config`))
      out.push({
        ...i2,
        code: 'presets.invalid',
        message: {
          'zh-CN': `模板不符合配置的模式：${i2.message['zh-CN']}`,
          en: `The preset does not match the config schema: ${i2.message.en}`,
        },
      });
  });
  return out;
}
