/** Reports: saved list queries over one entity type, with grouping, CSV export and built-ins. */
export * from './builtin-reports';
export * from './relative-dates';
export * from './report-csv';
export * from './report-definition';
export * from './report-fields';
export * from './report-store';
export * from './run-report';
export * from './scheduled-report-workflow';
export * from './report-types';
