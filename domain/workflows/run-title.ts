/** The record a run is about: the one whose event started it. */
export interface RunRecord {
  entityType: string;
  entityId: string;
  /** The record's number and name as people know it, e.g. `OPP-2026-000013 Office refit 13`. */
  label?: string | undefined;
}

// The fields that name a record, in the order they are tried; numbered types lead with the number.
const nameFields = ['name', 'title', 'subject', 'fullName', 'email'] as const;

/**
 * The label of a record: its document number and its name, whichever it has, or undefined when it
 * has neither (the title then falls back to the record's id).
 *
 * @example
 * recordLabel({ number: 'OPP-2026-000013', name: 'Office refit 13' }); // 'OPP-2026-000013 Office refit 13'
 */
export function recordLabel(record: unknown): string | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  const fields = record as Record<string, unknown>;
  const text = (value: unknown) =>
    typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  const number = text(fields.number);
  const name = nameFields.map((field) => text(fields[field])).find((value) => value !== undefined);
  const parts = [number, name].filter((part): part is string => part !== undefined);
  return parts.length === 0 ? undefined : parts.join(' ');
}

/** Titles go into a visibility Text attribute; Temporal bounds a search attribute's size. */
const maxTitleLength = 200;

/**
 * A run's human title: the workflow's name, then its record's label (or type and id).
 *
 * @example
 * runTitle('Quote to cash', { entityType: 'opportunity', entityId: 'o1', label: 'OPP-2026-000013 Office refit 13' });
 * // 'Quote to cash · OPP-2026-000013 Office refit 13'
 */
export function runTitle(workflowName: string, record?: RunRecord): string {
  const about =
    record === undefined ? undefined : (record.label ?? `${record.entityType} ${record.entityId}`);
  const title = about === undefined ? workflowName : `${workflowName} · ${about}`;
  return title.length > maxTitleLength ? `${title.slice(0, maxTitleLength - 1)}…` : title;
}
