/** Alerts: recorded run failures, role subscriptions and their digest mails. */
export * from './alert-subscriptions';
export * from './digest';
export * from './run-failures';
