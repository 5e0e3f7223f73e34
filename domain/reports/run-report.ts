import type { Db, Document } from 'mongodb';
import { buildListFilter } from '../entities/list-query';
import { createEntityRepository, entityCollection, type EntityRecord, type ListQuery } from '../entities';
import { resolveRelativeDate } from './relative-dates';
import type { ReportColumn, ReportDefinition, ReportGroup, ReportGroups, ReportRow } from './report-types';
import { csvLine } from './report-csv';
import { reportFields } from './report-fields';

export type { ReportColumn, ReportGroup, ReportGroups, ReportRow };

export const maxReportGroups = 1000;
/** The most rows an export or a `report.run` writes. */
export const maxExportRows = 10_000;
/** Rows read per store round trip, and written per chunk, while exporting. */
const exportBatchSize = 500;

/** The report's columns, described for tables and CSV headers. */
export function reportColumns(report: ReportDefinition): ReportColumn[] {
  const fields = new Map(reportFields(report.entityType).map((field) => [field.path, field]));
  return report.columns.map((path) => {
    const field = fields.get(path);
    return {
      path,
      title: field?.title ?? path,
      type: field?.type ?? 'string',
      ...(field?.format === undefined ? {} : { format: field.format }),
    };
  });
}

/** The report's list query on the day `now` falls on: its filters with relative dates resolved. */
export function reportListQuery(report: ReportDefinition, now: Date): ListQuery {
  const formats = new Map(reportFields(report.entityType).map((field) => [field.path, field.format]));
  return {
    filters: report.filters.map((filter) => {
      const format = formats.get(filter.field);
      const value = Array.isArray(filter.value)
        ? filter.value.map((item) => resolveRelativeDate(item, format, now) as string)
        : (resolveRelativeDate(filter.value, format, now) as string);
      return { ...filter, value };
    }),
    sort:
      report.sort === undefined
        ? { field: 'updatedAt', direction: -1 }
        : { field: report.sort.field, direction: report.sort.direction === 'asc' ? 1 : -1 },
  };
}

function toRow(report: ReportDefinition, record: EntityRecord): ReportRow {
  const values = record as Record<string, unknown>;
  return {
    _id: String(values._id),
    ...Object.fromEntries(report.columns.map((column) => [column, values[column] ?? null])),
  };
}

/**
 * One page of a report's rows, through the entity repository's list (the list API's filters, order
 * and cursors). A bad cursor is an `EntityValidationError` naming `cursor`.
 */
export async function reportRows(
  db: Db,
  report: ReportDefinition,
  page: { limit: number; cursor?: string; now: Date },
): Promise<{ items: ReportRow[]; nextCursor: string | null }> {
  const repo = createEntityRepository(db);
  const query = reportListQuery(report, page.now);
  const result = await repo.list(report.entityType, {
    ...query,
    limit: page.limit,
    ...(page.cursor === undefined ? {} : { cursor: page.cursor }),
  });
  return { items: result.items.map((record) => toRow(report, record)), nextCursor: result.nextCursor };
}

/**
 * The report's group rows in one `$group` aggregation (a stage FerretDB v1 has): the count and the
 * sums per value of the group field, ordered by that value, at most {@link maxReportGroups}.
 */
export async function reportGroups(
  db: Db,
  report: ReportDefinition,
  now: Date,
): Promise<ReportGroups | undefined> {
  const groupBy = report.groupBy;
  if (groupBy === undefined) return undefined;
  const query = reportListQuery(report, now);
  const match: Document = buildListFilter(report.entityType, { filters: query.filters ?? [] });
  const collection = entityCollection(db, report.entityType);
  // One $group per figure: FerretDB v1 computes only the first accumulator of a $group and answers 0
  // for the others (test/integration/reports/reports-api.test.ts checks the sums).
  const figure = (accumulator: Document) =>
    collection
      .aggregate<Document>([
        { $match: match },
        { $group: { _id: `$${groupBy.field}`, value: accumulator } },
        { $sort: { _id: 1 } },
        { $limit: maxReportGroups + 1 },
      ])
      .toArray();
  const [counts = [], ...sums] = await Promise.all([
    figure({ $sum: 1 }),
    ...groupBy.sums.map((field) => figure({ $sum: `$${field}` })),
  ]);
  const sumsByKey = sums.map(
    (docs) => new Map(docs.map((doc) => [JSON.stringify(doc._id ?? null), Number(doc.value)])),
  );
  const items = counts.slice(0, maxReportGroups).map((doc) => {
    const key = (doc._id as unknown) ?? null;
    return {
      key,
      count: Number(doc.value),
      sums: Object.fromEntries(
        groupBy.sums.map((field, i) => [field, sumsByKey[i]?.get(JSON.stringify(key)) ?? 0]),
      ),
    };
  });
  return {
    field: groupBy.field,
    items,
    total: {
      count: items.reduce((sum, group) => sum + group.count, 0),
      sums: Object.fromEntries(
        groupBy.sums.map((field) => [field, items.reduce((sum, group) => sum + (group.sums[field] ?? 0), 0)]),
      ),
    },
    complete: counts.length <= maxReportGroups,
  };
}

export interface CsvOptions {
  now: Date;
  /** `rows` (the default for ungrouped reports) or `groups` (the default for grouped ones). */
  view: 'rows' | 'groups';
  maxRows?: number;
}

/**
 * Writes a report as CSV, header first, in batches of 500 rows, so an export never holds more than one
 * batch: the rows (at most `maxRows`, default {@link maxExportRows}) or the group rows with a total.
 * `write` may return a promise to apply back-pressure. Resolves to the number of data rows written.
 */
export async function writeReportCsv(
  db: Db,
  report: ReportDefinition,
  options: CsvOptions,
  write: (chunk: string) => void | Promise<void>,
): Promise<{ rowCount: number; truncated: boolean }> {
  const columns = reportColumns(report);
  if (options.view === 'groups' && report.groupBy !== undefined) {
    const groups = await reportGroups(db, report, options.now);
    const titles = new Map(columns.map((column) => [column.path, column.title]));
    const groupTitle = reportFields(report.entityType).find((f) => f.path === report.groupBy?.field)?.title;
    const sums = report.groupBy.sums;
    let chunk = csvLine([
      groupTitle ?? report.groupBy.field,
      'Count',
      ...sums.map((s) => `${titles.get(s) ?? s} (sum)`),
    ]);
    for (const group of groups?.items ?? [])
      chunk += csvLine([group.key, group.count, ...sums.map((s) => group.sums[s])]);
    if (groups !== undefined)
      chunk += csvLine(['Total', groups.total.count, ...sums.map((s) => groups.total.sums[s])]);
    await write(chunk);
    return { rowCount: groups?.items.length ?? 0, truncated: groups?.complete === false };
  }
  const maxRows = options.maxRows ?? maxExportRows;
  await write(csvLine(columns.map((column) => column.title)));
  // One query streamed in batches rather than keyset pages: a store that sorts in memory (FerretDB v1)
  // then scans and sorts once, not once per page.
  const query = reportListQuery(report, options.now);
  const sort = query.sort ?? { field: 'updatedAt', direction: -1 };
  const cursor = entityCollection(db, report.entityType)
    .find(buildListFilter(report.entityType, query), {
      projection: Object.fromEntries(report.columns.map((column) => [column, 1])),
    })
    .sort({ [sort.field]: sort.direction, _id: sort.direction })
    .limit(maxRows + 1)
    .batchSize(exportBatchSize);
  let rowCount = 0;
  let truncated = false;
  let chunk = '';
  try {
    for await (const doc of cursor) {
      if (rowCount === maxRows) {
        truncated = true;
        break;
      }
      chunk += csvLine(report.columns.map((column) => doc[column]));
      rowCount += 1;
      if (rowCount % exportBatchSize === 0) {
        await write(chunk);
        chunk = '';
      }
    }
  } finally {
    await cursor.close();
  }
  if (chunk !== '') await write(chunk);
  return { rowCount, truncated };
}

/**
 * The file name of a report's export on a day: its name in lower-case words joined by dashes, then
 * the date, e.g. `unpaid-invoices-past-due-2026-03-01.csv`.
 */
export function reportFileName(report: Pick<ReportDefinition, 'name'>, now: Date): string {
  const slug = report.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${slug === '' ? 'report' : slug}-${now.toISOString().slice(0, 10)}.csv`;
}
