import type { StudioArea } from '../shell/area';

export const vendorArea: StudioArea = {
  id: 'vendor',
  labelKey: 'nav.vendor',
  roles: ['vendor'],
  scope: 'platform',
  routeName: 'vendor',
  order: 40,
  routes: [{ path: 'vendor', name: 'vendor', component: () => import('./VendorConsoleView.vue') }],
};
