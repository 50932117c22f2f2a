// The renderer library (used by the studio preview) is exported from here as it grows.
export { communityIdFromPath } from './shell/community';
