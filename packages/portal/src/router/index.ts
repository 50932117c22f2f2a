// The resident portal's router (see router.ts for why it is its own).
export { createRouter, useRoute, useRouter } from './router';
export type { Query, Route, RouteComponent, RouteLocation, RouteRecord, Router } from './router';
export { RouterLink } from './RouterLink';
export { RouterView } from './RouterView';
