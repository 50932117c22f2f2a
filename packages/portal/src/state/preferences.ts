import { reactive, watch } from 'vue';
import type { Locale } from '@scene/renderer';
import { isElder, type MemberAttributes } from '@scene/schema';
import { safeStorage } from './storage';

const ELDER_KEY = 'scene.elderMode';
const LOCALE_KEY = 'scene.locale';

export interface Preferences {
  locale: Locale;
  elder: boolean;
}

/**
 * The cookie that tells the server which language and mode to draw the first page in
 * (`zh-CN.0`, `en.1`). Written beside the device's own copy; never read back here.
 */
export const PREFS_COOKIE = 'scene.prefs';

/** What this device chose, or the defaults (Chinese, elder mode off). */
export function devicePreferences(): Preferences {
  const saved = safeStorage.get(LOCALE_KEY);
  return {
    locale: saved === 'en' || saved === 'zh-CN' ? saved : 'zh-CN',
    elder: safeStorage.get(ELDER_KEY) === '1',
  };
}

/** The preferences as the server reads them from `scene.prefs`; the defaults otherwise. */
export function preferencesFromCookie(value: string | undefined): Preferences {
  const [locale, elder] = (value ?? '').split('.');
  return { locale: locale === 'en' ? 'en' : 'zh-CN', elder: elder === '1' };
}

function writeCookie(prefs: Preferences): void {
  if (typeof document === 'undefined') return;
  document.cookie = `${PREFS_COOKIE}=${prefs.locale}.${prefs.elder ? 1 : 0}; path=/c/; max-age=31536000; SameSite=Lax`;
}

/**
 * Language and elder mode, kept on this device across visits (and in a cookie for the server's
 * first page). `start` holds other values to begin with — what the server drew the page in, so
 * hydration sees the same — without writing them; the caller moves to the device's own after.
 */
export function createPreferences(start?: Preferences): Preferences {
  const prefs = reactive<Preferences>(start ?? devicePreferences());
  watch(
    () => prefs.elder,
    (on) => {
      safeStorage.set(ELDER_KEY, on ? '1' : '0');
      writeCookie(prefs);
    },
  );
  watch(
    () => prefs.locale,
    (l) => {
      safeStorage.set(LOCALE_KEY, l);
      writeCookie(prefs);
    },
  );
  if (!start) writeCookie(prefs);
  return prefs;
}

/**
 * Elder mode is on by default for a member the operator recorded as 60 or over (an age band,
 * never a birth date) — unless this device already holds a choice, theirs to keep.
 */
export function elderModeByDefault(
  prefs: Preferences,
  attributes: MemberAttributes | undefined,
): void {
  if (safeStorage.get(ELDER_KEY) === null && isElder(attributes)) prefs.elder = true;
}
