import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { Locale } from '@scene/renderer';
import { shellKey, type Shell } from '../context';
import { createShellI18n, loadLocale } from '../i18n';
import OfflineBanner from './OfflineBanner.vue';

/** The banner over a saved copy, with only what it reads of the shell. */
async function banner(locale: Locale, timeZone: string | undefined, staleSince: string) {
  const shell = {
    bundle: { community: { id: 'c', name: '翠苑', timeZone } },
    prefs: { locale },
    net: { offline: false, staleSince, unread: 0 },
  } as unknown as Shell; // only bundle, prefs and net are read before a retry
  const i18n = createShellI18n(locale);
  await loadLocale(i18n, locale);
  return mount(OfflineBanner, {
    global: { plugins: [i18n], provide: { [shellKey]: shell } },
  });
}

describe('the offline banner', () => {
  // 16:30 UTC on 1 March is already 2 March in Shanghai, still 1 March in New York.
  const saved = '2026-03-01T16:30:00.000Z';

  it("says when the copy was saved in the community's zone and the reader's language", async () => {
    const zh = (await banner('zh-CN', 'Asia/Shanghai', saved)).text();
    expect(zh).toContain('2026年3月2日 00:30');
    expect(zh).not.toContain('2026-03-01');
    const en = (await banner('en', 'America/New_York', saved)).text();
    expect(en).toContain('1 Mar 2026, 11:30');
    expect(en).toContain('No connection');
  });

  it('reads the default zone for copies saved before communities had one', async () => {
    expect((await banner('zh-CN', undefined, saved)).text()).toContain('2026年3月2日 00:30');
  });
});
