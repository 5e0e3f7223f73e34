/** Temporal Schedules for `trigger.schedule` nodes: publish checks, sync, reconcile and views. */
export { checkCron } from './cron-expression';
export type { CronCheck } from './cron-expression';
export { timeZoneProblem } from './time-zone';
export { scheduleTriggerErrors } from './schedule-checks';
export { scheduleIdFor, schedulesCollection } from './schedule-documents';
export type { ScheduleRecord } from './schedule-documents';
export { InvalidScheduleError, scheduleOptions, scheduleTriggerEvent } from './schedule-action';
export { createScheduleSync } from './schedule-sync';
export type { ScheduleSync, ScheduleSyncDeps, SyncOutcome } from './schedule-sync';
export { describeSchedule } from './schedule-view';
export type { ScheduleView } from './schedule-view';
