import type { ShellBundle } from './state/bundle-cache';
import type { ViewDef } from '@scene/schema';
import { hasRole, type RuntimeUser } from '@scene/renderer';

export interface WorkView {
  pluginId: string;
  view: ViewDef;
}

/** Staff page views of the installed plugins that this user's roles open. */
export function workViewsFor(bundle: ShellBundle, user: RuntimeUser | null): WorkView[] {
  if (!user) return [];
  const out: WorkView[] = [];
  for (const p of bundle.plugins) {
    for (const view of p.manifest?.views ?? []) {
      if (view.surface !== 'staff' || view.slot !== 'page' || !view.route) continue;
      const wanted = view.roles?.length ? view.roles : ['staff', 'operator'];
      // Detail pages need a record id; the work list offers the entry points only.
      if (view.root.type === 'detail') continue;
      if (hasRole(user.roles, wanted, p.pluginId)) out.push({ pluginId: p.pluginId, view });
    }
  }
  return out;
}
