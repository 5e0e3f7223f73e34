import { requiredActivityNames } from '../../workflows/interpreter';
import { nodeTypesAwaitingActivities } from '../../workflows/node-types/availability';
import { engineActivityNames } from '../workflows/activity-contract';
import { entityWatchActivityNames } from './entity-watch-activities';

/** Node types declared without an activity in this release (see `nodeTypesAwaitingActivities`). */
export const pendingDomainActivities: readonly string[] = nodeTypesAwaitingActivities;

/**
 * Throws unless the activities are exactly those the node-type registry requires (minus any
 * pending ones) plus the engine's own: an I/O node type without an activity, or an
 * activity no node type or engine code calls, cannot ship.
 */
export function checkActivityNames(provided: readonly string[]): void {
  const pending = new Set(pendingDomainActivities);
  const required = requiredActivityNames().filter((name) => !pending.has(name));
  const engine = [...engineActivityNames, ...entityWatchActivityNames];
  const allowed = new Set([...required, ...engine]);
  const have = new Set(provided);
  const missing = [...required, ...engine].filter((name) => !have.has(name));
  const unknown = provided.filter((name) => !allowed.has(name));
  const problems = [
    ...(missing.length ? [`no activity for ${missing.join(', ')}`] : []),
    ...(unknown.length ? [`activities without a node type: ${unknown.join(', ')}`] : []),
  ];
  if (problems.length) throw new Error(`Worker activity check failed: ${problems.join('; ')}`);
}
