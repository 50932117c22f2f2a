import { composeArea } from './compose/area';
import { historyArea } from './history/area';
import { marketplaceArea, platformArea, reviewArea, vendorArea } from './ecosystem/areas';
import { notificationsArea, peopleArea } from './people/area';
import type { StudioArea } from './shell/area';

/**
 * Every area of the studio, in one list. The ecosystem screens (marketplace, vendor console,
 * review, platform management) add their areas here from `src/ecosystem/`.
 */
export const areas: readonly StudioArea[] = [
  composeArea,
  historyArea,
  marketplaceArea,
  peopleArea,
  notificationsArea,
  vendorArea,
  reviewArea,
  platformArea,
].sort((a, b) => a.order - b.order);
