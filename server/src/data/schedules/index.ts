/** Schedules: the runner (one per process), the run log route, and when occurrences fall. */
export { ScheduleRunner, type RunnerOptions, type ScheduleTargets } from './runner';
export { scheduleRoutes } from './routes';
