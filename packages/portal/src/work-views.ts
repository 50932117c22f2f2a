import type { ShellBundle } from './state/bundle-cache';
import { effectiveRoles, mayOpenView, type ViewDef } from '@scene/schema';
import type { RuntimeUser } from '@scene/renderer';

export interface WorkView {
  pluginId: string;
  view: ViewDef;
}

/** Staff page views of the installed plugins that this user's roles open. */
export function workViewsFor(bundle: ShellBundle, user: RuntimeUser | null): WorkView[] {
  if (!user) return [];
  const out: WorkView[] = [];
  for (const p of bundle.plugins) {
    if (!p.manifest) continue;
    const roles = effectiveRoles(user.roles, p.manifest);
    for (const view of p.manifest.views) {
      if (view.surface !== 'staff' || view.slot !== 'page' || !view.route) continue;
      // Detail pages need a record id; the work list offers the entry points only.
      if (view.root.type === 'detail') continue;
      if (mayOpenView(roles, view)) out.push({ pluginId: p.pluginId, view });
    }
  }
  return out;
}
