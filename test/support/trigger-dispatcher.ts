import {
  createTriggerDispatcher,
  type TriggerDispatcher,
  type TriggerDispatcherOptions,
} from '../../domain/triggers';
import { createLogger } from '../../platform/logger';

/**
 * Starts an entity-trigger dispatcher over the test's store and Temporal, configured as the API
 * server's (chain depth 8) but sweeping every 500 ms unless `options` says otherwise; `stop()` it.
 */
export async function startDispatcher(
  target: Pick<TriggerDispatcherOptions, 'db' | 'temporal' | 'taskQueue'>,
  options: Partial<Omit<TriggerDispatcherOptions, 'db' | 'temporal' | 'taskQueue'>> = {},
): Promise<TriggerDispatcher> {
  const dispatcher = createTriggerDispatcher({
    db: target.db,
    temporal: target.temporal,
    taskQueue: target.taskQueue,
    log: createLogger({ level: 'silent', service: 'test' }),
    ...options,
    maxChainDepth: options.maxChainDepth ?? 8,
    sweepIntervalMs: options.sweepIntervalMs ?? 500,
  });
  await dispatcher.start();
  return dispatcher;
}
