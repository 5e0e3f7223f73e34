/*
 * The typed conditions of list queries, browser-safe (no store, no Node built-ins), so the editor's
 * report form offers the operators the server accepts.
 */

export type Scalar = string | number | boolean;
/**
 * `eq`, `ne`; `gt`, `gte`, `lt`, `lte` on numbers and dates; `in`, `nin` with up to 100 values;
 * `exists` (true or false); `ieq`, equal ignoring case, on text fields.
 */
export type FilterOperator = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'nin' | 'exists' | 'ieq';

export const filterOperators: readonly FilterOperator[] = [
  'eq',
  'ne',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'nin',
  'exists',
  'ieq',
];

/** One typed condition on a filterable field. */
export interface FieldFilter {
  field: string;
  op: FilterOperator;
  value: Scalar | readonly Scalar[];
}
