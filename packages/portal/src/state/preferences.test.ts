import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import {
  createPreferences,
  devicePreferences,
  elderModeByDefault,
  preferencesFromCookie,
} from './preferences';

afterEach(() => {
  localStorage.clear();
  vi.restoreAllMocks();
});

describe('elder mode by default', () => {
  it('turns on for a member recorded as 60 or over, and stays on for the next visit', async () => {
    const prefs = createPreferences();
    expect(prefs.elder).toBe(false);
    elderModeByDefault(prefs, { ageBand: '70-79' });
    expect(prefs.elder).toBe(true);
    await nextTick();
    expect(createPreferences().elder).toBe(true);
  });

  it('leaves younger members and unrecorded ages as they are', () => {
    const prefs = createPreferences();
    elderModeByDefault(prefs, { ageBand: '18-59' });
    elderModeByDefault(prefs, {});
    elderModeByDefault(prefs, undefined);
    expect(prefs.elder).toBe(false);
  });

  it('never overrides a choice this device already holds', async () => {
    const prefs = createPreferences();
    prefs.elder = true;
    await nextTick();
    prefs.elder = false; // the elder turned it off
    await nextTick();
    const next = createPreferences();
    elderModeByDefault(next, { ageBand: '80+' });
    expect(next.elder).toBe(false);
  });
});

describe('preferences for the server', () => {
  it('are mirrored in a cookie the server reads, and read back only in that shape', async () => {
    // Written for the portal's paths (/c/), which the test page is not on: watch the writes.
    const written: string[] = [];
    vi.spyOn(document, 'cookie', 'set').mockImplementation((v: string) => void written.push(v));
    const prefs = createPreferences();
    prefs.locale = 'en';
    prefs.elder = true;
    await nextTick();
    expect(written.at(-1)).toMatch(/^scene\.prefs=en\.1; path=\/c\/; max-age=\d+; SameSite=Lax$/);
    expect(preferencesFromCookie('en.1')).toEqual({ locale: 'en', elder: true });
    expect(preferencesFromCookie('fr.1')).toEqual({ locale: 'zh-CN', elder: true });
    expect(preferencesFromCookie(undefined)).toEqual({ locale: 'zh-CN', elder: false });
  });

  it('start from what the server drew without writing it over the device’s own', async () => {
    localStorage.setItem('scene.locale', 'en');
    const prefs = createPreferences({ locale: 'zh-CN', elder: false });
    expect(prefs.locale).toBe('zh-CN');
    await nextTick();
    expect(localStorage.getItem('scene.locale')).toBe('en');
    expect(devicePreferences()).toEqual({ locale: 'en', elder: false });
  });
});
