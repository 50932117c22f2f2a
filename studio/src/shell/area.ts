import type { RouteRecordRaw } from 'vue-router';
import type { StudioRole } from '../api/session-user';

/**
 * One part of the studio (compose, history, marketplace, vendor console, review, ...). An area
 * brings its routes and its navigation entry; the shell only lists areas, so adding a screen
 * never touches the layout. Register new areas in `src/areas.ts`.
 */
export interface StudioArea {
  id: string;
  /** vue-i18n key of the navigation label. */
  labelKey: string;
  /** Who sees the entry and may open its routes; the server still checks every request. */
  roles: readonly StudioRole[];
  /**
   * `community`: routes live under `/c/:communityId/` and follow the community switcher.
   * `platform`: routes are not tied to a community (vendor console, admin review).
   */
  scope: 'community' | 'platform';
  /** The route the navigation entry opens. */
  routeName: string;
  /** Children of the signed-in layout; paths are relative (no leading slash). */
  routes: RouteRecordRaw[];
  /** Position in the navigation, ascending. */
  order: number;
}

declare module 'vue-router' {
  interface RouteMeta {
    /** Set by the router from the owning area; read by the guard and the layout. */
    area?: string;
    roles?: readonly StudioRole[];
    scope?: 'community' | 'platform';
    /** Reachable without a session (login). */
    public?: boolean;
    /** Full-width page without the studio chrome. */
    bare?: boolean;
  }
}

/** Community-scoped paths all start the same way so the switcher can swap the id. */
export function communityPath(rest: string): string {
  return `c/:communityId/${rest}`;
}
