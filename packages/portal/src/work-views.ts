import type { ShellBundle } from './state/bundle-cache';
import { effectiveRoles, mayOpenView, mayRunQuery, type ViewDef } from '@scene/schema';
import type { RuntimeUser } from '@scene/renderer';

export interface WorkView {
  pluginId: string;
  view: ViewDef;
  /** The view's `waiting` count query, when this user may run it (nobody is asked otherwise). */
  waiting?: string;
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
      if (!mayOpenView(roles, view)) continue;
      const q = view.waiting?.query;
      out.push({
        pluginId: p.pluginId,
        view,
        ...(q && mayRunQuery(roles, p.manifest, q) ? { waiting: q } : {}),
      });
    }
  }
  return out;
}

/** Whoever holds the community's staff role, and has work here, starts on 工作台 after signing in. */
export const landsOnWork = (bundle: ShellBundle, user: RuntimeUser | null): boolean =>
  !!user?.roles.includes('staff') && workViewsFor(bundle, user).length > 0;

/**
 * Views with work waiting first (most first), then the others in the plugins' order; a count
 * not known (not declared, not loaded, failed) sorts as none.
 */
export function byWaiting(views: WorkView[], counts: Record<string, number>): WorkView[] {
  const n = (w: WorkView) => counts[workKey(w)] ?? 0;
  return views
    .map((w, i) => ({ w, i }))
    .sort((a, b) => n(b.w) - n(a.w) || a.i - b.i)
    .map(({ w }) => w);
}

export const workKey = (w: WorkView) => `${w.pluginId}/${w.view.id}`;
