import type { EntityType } from '../../schemas/types/index.generated';
import type { FieldFilter } from '../entities/filter-operators';
import type { ReportField } from './report-fields';
import type { Role } from '../../schemas/vocabulary';

/*
 * The shapes of reports and their results, browser-safe: the editor and the API share them.
 */

/** One condition of a report: a list-query condition whose date values may be relative (`today-30`). */
export type ReportFilter = FieldFilter;

/** What a report shows: its records, columns, order and grouping. Stored as JSON. */
export interface ReportDefinition {
  name: string;
  description?: string;
  entityType: EntityType;
  /** Conditions that must all hold, with the list API's operators. */
  filters: ReportFilter[];
  /** Field paths shown as columns, in order. */
  columns: string[];
  sort?: { field: string; direction: 'asc' | 'desc' };
  /** Group rows: one per value of `field`, with the count and the sums of the `sums` columns. */
  groupBy?: { field: string; sums: string[] };
}

/** A report as the API shows it. Built-in reports ship with the product and are read-only. */
export interface Report extends ReportDefinition {
  _id: string;
  builtIn: boolean;
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

/** The definition part of a report, as `POST /api/reports` takes it (e.g. to save a copy). */
export function reportDefinitionOf(report: Report): ReportDefinition {
  return {
    name: report.name,
    ...(report.description === undefined ? {} : { description: report.description }),
    entityType: report.entityType,
    filters: report.filters,
    columns: report.columns,
    ...(report.sort === undefined ? {} : { sort: report.sort }),
    ...(report.groupBy === undefined ? {} : { groupBy: report.groupBy }),
  };
}

/** A column of a report's table: the field, its title and type. */
export type ReportColumn = Pick<ReportField, 'path' | 'title' | 'type'> & { format?: string };

/** A table row: the record id and the value of each column (null when unset). */
export type ReportRow = { _id: string } & Record<string, unknown>;

/** A group row: the grouped field's value, how many records have it and the sums of the sum columns. */
export interface ReportGroup {
  key: unknown;
  count: number;
  sums: Record<string, number>;
}

export interface ReportGroups {
  field: string;
  items: ReportGroup[];
  /** Count and sums over every group. */
  total: { count: number; sums: Record<string, number> };
  /** False when there were more than {@link maxReportGroups} groups and only the first were kept. */
  complete: boolean;
}

/**
 * The roles that save, change and delete reports (the `report.manage` permission): those who own a
 * part of the business, and designers. Every role may run the reports on types it may read.
 */
export const reportManagerRoles: readonly Role[] = [
  'admin',
  'designer',
  'salesManager',
  'finance',
  'procurement',
  'supportLead',
];
