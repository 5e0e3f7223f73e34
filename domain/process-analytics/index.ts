/** Process analytics: per-node figures of a workflow version, from what runs record when they close. */
export * from './analytics-answer';
export * from './process-analytics';
export * from './quantile';
export * from './run-stats-report';
export * from './run-stats-store';
export * from './summarize-run';
