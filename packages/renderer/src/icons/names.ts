import { ICONS, type IconName } from '@scene/schema';

/** Icons the portal's own screens use besides the plugin icon list. */
export const SHELL_ICONS = ['glasses', 'offline', 'folder'] as const;
export type ShellIconName = (typeof SHELL_ICONS)[number];
export type IconKey = IconName | ShellIconName;

const KEYS: ReadonlySet<string> = new Set<string>([...ICONS, ...SHELL_ICONS]);

/** Whether a value (a plugin's `icon`, a block prop) names an icon of the set. */
export function isIconKey(name: unknown): name is IconKey {
  return typeof name === 'string' && KEYS.has(name);
}
