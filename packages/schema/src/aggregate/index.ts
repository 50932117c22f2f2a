// Aggregate queries: the period asked for, the one-pass reduce and small-group suppression,
// shared by the server and the renderer's previews.
export type * from './types';
export { aggregatePeriod, dateValueInstant } from './range';
export type { Period, RangeParams, RangeResult } from './range';
export { AggregateReducer, ZoneClock, fieldValue, measureFields, measureValue } from './reduce';
export { suppress } from './suppress';
export { figuresExampleManifest } from './example';
