// Time in a community's zone: one module for the server, the studio and the resident portal.
export {
  DEFAULT_TIME_ZONE,
  isTimeZone,
  localParts,
  fromLocal,
  localDate,
  parseDate,
  parseTime,
  atLocal,
  addDays,
  weekdayOf,
  daysInMonth,
} from './zone';
export type { LocalParts } from './zone';
export { DURATION_PATTERN, parseDuration, addDuration, durationMs, hasTimePart } from './duration';
export type { Duration } from './duration';
export {
  TIME_ANCHORS,
  ZONE_VAR,
  isTimeAnchor,
  anchorInstant,
  relativeValue,
  resolveRelative,
  timeVars,
} from './relative';
export type { TimeAnchor, TimeAs } from './relative';
export { formatDateTime } from './format';
