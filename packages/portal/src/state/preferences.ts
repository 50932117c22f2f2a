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

function initialLocale(): Locale {
  const saved = safeStorage.get(LOCALE_KEY);
  return saved === 'en' || saved === 'zh-CN' ? saved : 'zh-CN';
}

/** Language and elder mode, kept on this device across visits. */
export function createPreferences(): Preferences {
  const prefs = reactive<Preferences>({
    locale: initialLocale(),
    elder: safeStorage.get(ELDER_KEY) === '1',
  });
  watch(
    () => prefs.elder,
    (on) => safeStorage.set(ELDER_KEY, on ? '1' : '0'),
  );
  watch(
    () => prefs.locale,
    (l) => safeStorage.set(LOCALE_KEY, l),
  );
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
