import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import { builtInPrefix, builtInReports } from './builtin-reports';
import { parseReportDefinition, type Report } from './report-definition';

export const reportsCollection = 'reports';

type StoredReport = Omit<Report, 'builtIn'>;

/** A write to a report that cannot be changed: one that ships with the product. */
export class ReadOnlyReportError extends Error {
  override name = 'ReadOnlyReportError';
  constructor(id: string) {
    super(`report ${id} ships with Ledgerline and is read-only; save a copy to change it`);
  }
}

/**
 * User reports in the `reports` collection, and the built-in ones from code. Every write checks the
 * definition with {@link parseReportDefinition} first; built-in reports can't be changed or deleted.
 */
export function createReportStore(db: Db) {
  const reports = db.collection<StoredReport>(reportsCollection);
  const builtIn = (id: string) => builtInReports.find((report) => report._id === id);
  return {
    async list(): Promise<Report[]> {
      const stored = await reports.find({}).sort({ name: 1, _id: 1 }).limit(1000).toArray();
      return [...builtInReports, ...stored.map((report) => ({ ...report, builtIn: false }))];
    },
    async get(id: string): Promise<Report | undefined> {
      if (id.startsWith(builtInPrefix)) return builtIn(id);
      const stored = await reports.findOne({ _id: id });
      return stored === null ? undefined : { ...stored, builtIn: false };
    },
    async create(input: unknown, actor: { userId: string }): Promise<Report> {
      const definition = parseReportDefinition(input);
      const at = new Date().toISOString();
      const report: StoredReport = {
        _id: `rep_${randomUUID()}`,
        ...definition,
        version: 1,
        createdAt: at,
        createdBy: actor.userId,
        updatedAt: at,
        updatedBy: actor.userId,
      };
      await reports.insertOne(report);
      return { ...report, builtIn: false };
    },
    /** Replaces the definition; undefined when there is no such report. */
    async replace(id: string, input: unknown, actor: { userId: string }): Promise<Report | undefined> {
      if (builtIn(id) !== undefined) throw new ReadOnlyReportError(id);
      const definition = parseReportDefinition(input);
      // A field the new definition leaves out must not survive from the old one.
      const dropped = (['description', 'sort', 'groupBy'] as const).filter(
        (key) => definition[key] === undefined,
      );
      const updated = await reports.findOneAndUpdate(
        { _id: id },
        {
          $set: { ...definition, updatedAt: new Date().toISOString(), updatedBy: actor.userId },
          $inc: { version: 1 },
          ...(dropped.length === 0 ? {} : { $unset: Object.fromEntries(dropped.map((key) => [key, ''])) }),
        },
        { returnDocument: 'after' },
      );
      return updated === null ? undefined : { ...updated, builtIn: false };
    },
    async remove(id: string): Promise<boolean> {
      if (builtIn(id) !== undefined) throw new ReadOnlyReportError(id);
      return (await reports.deleteOne({ _id: id })).deletedCount > 0;
    },
  };
}

export type ReportStore = ReturnType<typeof createReportStore>;
