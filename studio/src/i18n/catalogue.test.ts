import { describe, expect, it } from 'vitest';
import { createStudioI18n } from '.';
import en from './en';
import zhCN from './zh-CN';

function entries(o: object, prefix = ''): [string, string][] {
  return Object.entries(o).flatMap(([k, v]): [string, string][] =>
    typeof v === 'string' ? [[`${prefix}${k}`, v]] : entries(v as object, `${prefix}${k}.`),
  );
}

describe('the studio catalogue', () => {
  it.each(['zh-CN', 'en'] as const)('all compile and render in %s (no stray @ or |)', (locale) => {
    const i18n = createStudioI18n(locale);
    const t = i18n.global.t as (key: string, values?: Record<string, unknown>) => string;
    const values = { id: 'acme.x', version: '1.0.0', name: 'N', n: 2, days: 3, line: 4 };
    for (const [key, words] of entries(zhCN)) {
      const text = t(key, values);
      if (words) expect(text, key).not.toBe(key);
      expect(text, key).not.toMatch(/\{'@'\}/);
    }
    expect(t('editor.submitted', values)).toContain('acme.x@1.0.0');
  });

  it('says the same words under one key only (in both languages)', () => {
    const english = new Map(entries(en));
    const seen = new Map<string, string>();
    const copies: string[] = [];
    for (const [key, words] of entries(zhCN)) {
      if (!words) continue;
      const pair = `${words} / ${english.get(key)}`;
      const first = seen.get(pair);
      if (first) copies.push(`${key} repeats ${first} (${pair})`);
      else seen.set(pair, key);
    }
    expect(copies).toEqual([]);
  });
});
