import type { ConfigPreset, LocalizedText } from '@scene/schema';

/** A value as the preview words it: never JSON, only what a person reads at a glance. */
export type ShownValue =
  | { kind: 'unset' }
  | { kind: 'text'; text: LocalizedText | string }
  | { kind: 'yes' }
  | { kind: 'no' }
  | { kind: 'items'; n: number }
  | { kind: 'set' };

/** One property a template would replace, named as the config form names it. */
export interface PresetChange {
  key: string;
  name: LocalizedText | string;
  before: ShownValue;
  after: ShownValue;
}

const LONGEST = 24;

function isLocalized(v: unknown): v is LocalizedText {
  const o = v as Record<string, unknown> | null;
  return typeof o === 'object' && o !== null && typeof o['zh-CN'] === 'string';
}

export function shown(value: unknown): ShownValue {
  if (value === undefined || value === null || value === '') return { kind: 'unset' };
  if (typeof value === 'boolean') return { kind: value ? 'yes' : 'no' };
  if (Array.isArray(value)) return { kind: 'items', n: value.length };
  if (typeof value === 'string') {
    const text = value.length > LONGEST ? `${value.slice(0, LONGEST)}…` : value;
    return { kind: 'text', text };
  }
  if (typeof value === 'number') return { kind: 'text', text: String(value) };
  if (isLocalized(value)) return { kind: 'text', text: value };
  return { kind: 'set' };
}

/**
 * What choosing `preset` would change in `config`: each property it sets whose value differs,
 * in the preset's order, named by the config schema's title (the key only when it has none).
 */
export function presetChanges(
  config: Record<string, unknown>,
  preset: ConfigPreset,
  schema: unknown,
): PresetChange[] {
  const props = (schema as { properties?: Record<string, { title?: unknown }> } | undefined)
    ?.properties;
  return Object.entries(preset.config)
    .filter(([key, next]) => JSON.stringify(config[key]) !== JSON.stringify(next))
    .map(([key, next]) => {
      const title = props?.[key]?.title;
      const name = typeof title === 'string' || isLocalized(title) ? title : key;
      return { key, name, before: shown(config[key]), after: shown(next) };
    });
}
