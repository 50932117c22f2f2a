import { describe, expect, it } from 'vitest';
import { presetChanges, shown } from './preset-changes';

const schema = {
  type: 'object',
  properties: {
    title: { type: 'string', title: { 'zh-CN': '标题', en: 'Title' } },
    open: { type: 'boolean', title: '开放' },
    items: { type: 'array' },
  },
};
const preset = {
  id: 'p',
  label: { 'zh-CN': '模板', en: 'Template' },
  config: { title: 'New', open: true, items: [1, 2], limit: 3 },
};

describe('presetChanges', () => {
  it('lists only the properties the preset changes, by their titles, in the preset’s order', () => {
    const changes = presetChanges({ title: 'Old', open: true, items: [1] }, preset, schema);
    expect(changes).toEqual([
      {
        key: 'title',
        name: { 'zh-CN': '标题', en: 'Title' },
        before: { kind: 'text', text: 'Old' },
        after: { kind: 'text', text: 'New' },
      },
      {
        key: 'items',
        name: 'items',
        before: { kind: 'items', n: 1 },
        after: { kind: 'items', n: 2 },
      },
      {
        key: 'limit',
        name: 'limit',
        before: { kind: 'unset' },
        after: { kind: 'text', text: '3' },
      },
    ]);
  });

  it('finds nothing to change when the config already holds the preset', () => {
    expect(presetChanges({ ...preset.config, other: 1 }, preset, schema)).toEqual([]);
  });
});

describe('shown', () => {
  it('words values without JSON and cuts long text', () => {
    expect(shown(false)).toEqual({ kind: 'no' });
    expect(shown({ a: 1 })).toEqual({ kind: 'set' });
    expect(shown({ 'zh-CN': '甲', en: 'A' })).toEqual({
      kind: 'text',
      text: { 'zh-CN': '甲', en: 'A' },
    });
    const long = shown('x'.repeat(40));
    expect(long.kind === 'text' && long.text).toBe(`${'x'.repeat(24)}…`);
  });
});
