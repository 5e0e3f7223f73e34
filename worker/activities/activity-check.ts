import { requiredActivityNames } from '../../workflows/interpreter';
import { engineActivityNames } from '../workflows/activity-contract';
import { entityWatchActivityNames } from './entity-watch-activities';

/**
 * Throws unless the activities are exactly those the node-type registry requires plus the
 * engine's own: an I/O node type without an activity, or an activity no node type or engine code
 * calls, cannot ship.
 */
export function checkActivityNames(provided: readonly string[]): void {
  const required = requiredActivityNames();
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
