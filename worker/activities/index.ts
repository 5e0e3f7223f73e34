import type { Db } from 'mongodb';
import { createSystemActivities } from './system-activities';

export interface ActivityDeps {
  db: Db;
}

/** Every activity the worker registers, built from its dependencies at worker start. */
export function createActivities(deps: ActivityDeps) {
  return { ...createSystemActivities(deps) };
}
