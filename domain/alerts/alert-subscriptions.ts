import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import { roleNames, type Role } from '../../schemas/vocabulary';

import { alertEvents, type AlertEvent } from './alert-events';

export { alertEvents, type AlertEvent };

export const alertSubscriptionsCollection = 'alertSubscriptions';

/** A role subscribed to a digest mail of run failures and overdue tasks, every `intervalMinutes`. */
export interface AlertSubscription {
  _id: string;
  role: Role;
  events: AlertEvent[];
  intervalMinutes: number;
  createdAt: string;
  createdBy: string;
}

/** Subscription input that is not valid; `problems` name the fields. */
export class AlertSubscriptionInputError extends Error {
  override name = 'AlertSubscriptionInputError';
  constructor(readonly problems: { path: string; message: string }[]) {
    super('The alert subscription is not valid');
  }
}

/** The Temporal Schedule that sends a subscription's digests. */
export function digestScheduleId(subscriptionId: string): string {
  return `alert-digest:${subscriptionId}`;
}

function parse(input: unknown): Pick<AlertSubscription, 'role' | 'events' | 'intervalMinutes'> {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new AlertSubscriptionInputError([{ path: '', message: 'must be a JSON object' }]);
  const { role, events, intervalMinutes, ...rest } = input as Record<string, unknown>;
  const problems = Object.keys(rest).map((key) => ({ path: key, message: 'is not a known field' }));
  if (typeof role !== 'string' || !(roleNames as readonly string[]).includes(role))
    problems.push({ path: 'role', message: `must be one of ${roleNames.join(', ')}` });
  if (
    !Array.isArray(events) ||
    events.length === 0 ||
    events.some((event) => !(alertEvents as readonly unknown[]).includes(event))
  )
    problems.push({ path: 'events', message: `must be a non-empty list of ${alertEvents.join(', ')}` });
  if (
    typeof intervalMinutes !== 'number' ||
    !Number.isInteger(intervalMinutes) ||
    intervalMinutes < 5 ||
    intervalMinutes > 10_080
  )
    problems.push({ path: 'intervalMinutes', message: 'must be an integer from 5 to 10080 (a week)' });
  if (problems.length > 0) throw new AlertSubscriptionInputError(problems);
  return {
    role: role as Role,
    events: [...new Set(events as AlertEvent[])],
    intervalMinutes: intervalMinutes as number,
  };
}

/** The alert subscriptions in the store. */
export function createAlertSubscriptionStore(db: Db) {
  const subscriptions = db.collection<AlertSubscription>(alertSubscriptionsCollection);
  return {
    async create(input: unknown, actor: { userId: string }): Promise<AlertSubscription> {
      const subscription: AlertSubscription = {
        _id: randomUUID(),
        ...parse(input),
        createdAt: new Date().toISOString(),
        createdBy: actor.userId,
      };
      await subscriptions.insertOne(subscription);
      return subscription;
    },
    list(): Promise<AlertSubscription[]> {
      return subscriptions.find({}).sort({ createdAt: 1 }).toArray();
    },
    async get(id: string): Promise<AlertSubscription | undefined> {
      return (await subscriptions.findOne({ _id: id })) ?? undefined;
    },
    async remove(id: string): Promise<boolean> {
      return (await subscriptions.deleteOne({ _id: id })).deletedCount > 0;
    },
  };
}

export type AlertSubscriptionStore = ReturnType<typeof createAlertSubscriptionStore>;
