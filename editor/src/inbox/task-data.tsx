import { humanize, toText } from '../entities/format';

/** The title a form schema gives a field, else the field name in words. */
function fieldTitle(formSchema: Record<string, unknown> | undefined, field: string): string {
  const properties = formSchema?.properties as Record<string, { title?: unknown }> | undefined;
  const title = properties?.[field]?.title;
  return typeof title === 'string' && title !== '' ? title : humanize(field);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a completion carried any form data worth showing. */
export function hasData(data: unknown): boolean {
  return isRecord(data) ? Object.keys(data).length > 0 : data !== undefined && data !== null;
}

/**
 * The data submitted with a task, one field per row, labelled with its form schema's titles.
 * Nested values are shown as JSON.
 */
export function TaskData({
  data,
  formSchema,
  label = 'Submitted data',
}: {
  data: unknown;
  formSchema?: Record<string, unknown>;
  label?: string;
}) {
  if (!hasData(data)) return <span className="meta">—</span>;
  if (!isRecord(data)) return <code>{toText(data)}</code>;
  return (
    <dl className="task-data" aria-label={label}>
      {Object.entries(data).map(([field, value]) => (
        <div key={field}>
          <dt>{fieldTitle(formSchema, field)}</dt>
          <dd>{typeof value === 'boolean' ? (value ? 'Yes' : 'No') : toText(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
