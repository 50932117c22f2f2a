import { describe, expect, it } from 'vitest';
import { createStudioI18n } from '../../i18n';
import zhCN from './zh-CN';

function keys(o: object, prefix = 'eco'): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}.${k}`] : keys(v as object, `${prefix}.${k}`),
  );
}

describe('ecosystem messages', () => {
  it.each(['zh-CN', 'en'] as const)('all compile and render in %s (no stray @ or |)', (locale) => {
    const i18n = createStudioI18n(locale);
    const t = i18n.global.t as (key: string, values?: Record<string, unknown>) => string;
    const values = { id: 'acme.x', version: '1.0.0', name: 'N', n: 2, days: 3, line: 4 };
    for (const key of keys(zhCN)) {
      const text = t(key, values);
      expect(text, key).not.toBe(key);
      expect(text, key).not.toMatch(/\{'@'\}/);
    }
    expect(t('eco.editor.submitted', values)).toContain('acme.x@1.0.0');
  });
});
