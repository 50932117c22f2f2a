/**
 * The data plane: what plugins declare and residents and staff do with it — actions (the only
 * writes), queries (the only reads), records, points, uploads, notifications, privacy requests,
 * jobs and metrics. Functions over the raw MongoDB driver (see server/README.md for why).
 * It reads the control plane (installations, memberships) and writes to its audit log; the
 * control plane never imports it.
 */
export { DataPlane, type DataPlaneParts } from './plane';
export { dataRoutes } from './routes';
export { recordsLifecycle } from './records/lifecycle';
export { ensureDataPlaneIndexes } from './records/indexes';
export { DEFAULT_WORKER, NotificationWorker } from './notifications/worker';
export { ScheduleRunner } from './schedules';
