import { composeArea } from './compose/area';
import { historyArea } from './history/area';
import { marketplaceArea } from './marketplace/area';
import { dashboardArea, operationsArea } from './operations/area';
import { platformArea } from './platform/area';
import { reviewArea } from './review/area';
import { notificationsArea, peopleArea } from './people/area';
import { vendorArea } from './vendor/area';
import type { StudioArea } from './shell/area';

/** Every area of the studio, in one list: each feature folder brings its own `area.ts`. */
export const areas: readonly StudioArea[] = [
  operationsArea,
  composeArea,
  dashboardArea,
  historyArea,
  marketplaceArea,
  peopleArea,
  notificationsArea,
  vendorArea,
  reviewArea,
  platformArea,
].sort((a, b) => a.order - b.order);
