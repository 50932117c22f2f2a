// The ecosystem areas, registered in src/areas.ts.
export { marketplaceArea } from './marketplace/area';
export { vendorArea } from './vendor/area';
export { reviewArea } from './review/area';
export { platformArea } from './platform/area';
