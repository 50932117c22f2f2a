import { afterEach, describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { createPreferences, elderModeByDefault } from './preferences';

afterEach(() => localStorage.clear());

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
