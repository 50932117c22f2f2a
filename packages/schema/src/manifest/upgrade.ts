import { SCHEDULE_DEFAULTS } from './parts/schedules';
import type { PluginManifest, ScheduleDef } from './types';

/** A manifest as every reader sees it: version 2, with the defaults of version 2's parts filled in. */
export type CurrentManifest = PluginManifest & { manifestVersion: 2 };

/**
 * Reads any accepted manifest as version 2. Pure: the argument is not changed, and keys keep the
 * vendor's order (a form shows fields in declaration order). Version 2 is a superset of version
 * 1, so a version 1 manifest only changes its number; every reader (registry, installations,
 * runtime bundle, studio) goes through here and never branches on the version.
 */
export function upgradeManifest(m: PluginManifest): CurrentManifest {
  const out: CurrentManifest = { ...m, manifestVersion: 2 };
  if (m.schedules) {
    const schedules: Record<string, ScheduleDef> = {};
    for (const [id, s] of Object.entries(m.schedules))
      schedules[id] = {
        ...s,
        enabledByDefault: s.enabledByDefault ?? SCHEDULE_DEFAULTS.enabledByDefault,
        catchUp: s.catchUp ?? SCHEDULE_DEFAULTS.catchUp,
      };
    out.schedules = schedules;
  }
  return out;
}
