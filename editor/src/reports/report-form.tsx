import { useEffect, useState } from 'react';
import type { ReportDefinition, ReportFilter } from '../../../domain/reports/report-types';
import { reportDefinitionOf } from '../../../domain/reports/report-types';
import {
  isNumericField,
  operatorsFor,
  reportFields,
  type FilterOperator,
  type ReportField,
} from '../../../domain/reports/report-fields';
import { sortableFields } from '../../../schemas/entity-metadata';
import { entityTypeNames, type EntityType } from '../../../schemas/vocabulary';
import { problemText } from '../credentials/credential-api';
import { useSchemas } from '../entities/schema-context';
import { navigate } from '../routing/use-route';
import { PageHeader } from '../shell/page-header';
import { reportApi } from './report-api';
import './reports.css';

/** A filter row as the form edits it: the value as typed. */
interface DraftFilter {
  field: string;
  op: FilterOperator;
  text: string;
}

const operatorLabels: Record<FilterOperator, string> = {
  eq: 'is',
  ne: 'is not',
  gt: 'after / above',
  gte: 'on or after / at least',
  lt: 'before / below',
  lte: 'on or before / at most',
  in: 'is one of',
  nin: 'is none of',
  exists: 'is set',
  ieq: 'is (any case)',
};

function typed(field: ReportField | undefined, text: string): string | number | boolean {
  if (field?.type === 'boolean') return text === 'true';
  if (field !== undefined && isNumericField(field) && text.trim() !== '' && Number.isFinite(Number(text)))
    return Number(text);
  return text;
}

function toFilter(fields: ReadonlyMap<string, ReportField>, draft: DraftFilter): ReportFilter {
  const field = fields.get(draft.field);
  if (draft.op === 'exists') return { field: draft.field, op: draft.op, value: draft.text !== 'false' };
  if (draft.op === 'in' || draft.op === 'nin') {
    const values = draft.text
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => typed(field, part));
    return { field: draft.field, op: draft.op, value: values };
  }
  return { field: draft.field, op: draft.op, value: typed(field, draft.text) };
}

function toDraft(filter: ReportFilter): DraftFilter {
  const text = Array.isArray(filter.value) ? filter.value.join(', ') : String(filter.value);
  return { field: filter.field, op: filter.op, text };
}

/**
 * Creates or edits a report with forms: its records (entity type), columns, conditions, order and
 * grouping. The server checks the definition; its problems are shown with the field they name.
 */
export function ReportForm({ id }: { id: string }) {
  const creating = id === 'new';
  const schemas = useSchemas();
  const [loaded, setLoaded] = useState(creating);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [entityType, setEntityType] = useState<EntityType>('invoice');
  const [columns, setColumns] = useState<string[]>([]);
  const [filters, setFilters] = useState<DraftFilter[]>([]);
  const [sort, setSort] = useState<{ field: string; direction: 'asc' | 'desc' } | undefined>();
  const [groupField, setGroupField] = useState('');
  const [sums, setSums] = useState<string[]>([]);
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (creating) return;
    let live = true;
    reportApi.get(id).then(
      (report) => {
        if (!live) return;
        const definition = reportDefinitionOf(report);
        setName(definition.name);
        setDescription(definition.description ?? '');
        setEntityType(definition.entityType);
        setColumns(definition.columns);
        setFilters(definition.filters.map(toDraft));
        setSort(definition.sort);
        setGroupField(definition.groupBy?.field ?? '');
        setSums(definition.groupBy?.sums ?? []);
        setLoaded(true);
      },
      (caught: unknown) => live && setError(problemText(caught)),
    );
    return () => {
      live = false;
    };
  }, [creating, id]);
  const fields = reportFields(entityType);
  const byPath = new Map(fields.map((field) => [field.path, field]));
  const filterable = fields.filter((field) => field.filterable);
  const typeLabel = (type: string) =>
    schemas.status === 'ready' ? (schemas.types.get(type)?.meta.label ?? type) : type;
  const changeType = (type: EntityType) => {
    setEntityType(type);
    const titleField = schemas.status === 'ready' ? schemas.types.get(type)?.meta.titleField : undefined;
    setColumns(reportFields(type).some((f) => f.path === titleField) && titleField ? [titleField] : []);
    setFilters([]);
    setSort(undefined);
    setGroupField('');
    setSums([]);
  };
  const definition = (): ReportDefinition => ({
    name,
    ...(description.trim() === '' ? {} : { description }),
    entityType,
    // Columns keep the schema's order, whatever order they were ticked in.
    columns: fields.map((f) => f.path).filter((path) => columns.includes(path)),
    filters: filters.map((draft) => toFilter(byPath, draft)),
    ...(sort === undefined ? {} : { sort }),
    ...(groupField === ''
      ? {}
      : { groupBy: { field: groupField, sums: sums.filter((s) => columns.includes(s)) } }),
  });
  const save = async () => {
    setError(undefined);
    try {
      const saved = creating
        ? await reportApi.create(definition())
        : await reportApi.update(id, definition());
      navigate({ page: 'report', id: saved._id });
    } catch (caught: unknown) {
      setError(problemText(caught));
    }
  };
  if (!loaded)
    return <section className="page">{error ? <p role="alert">{error}</p> : <p>Loading…</p>}</section>;
  return (
    <section className="page" aria-labelledby="report-form-title">
      <PageHeader id="report-form-title" eyebrow="Reports" title={creating ? 'New report' : `Edit ${name}`} />
      <form
        className="entity-form report-form"
        aria-label="Report"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <label>
          Name
          <input value={name} required maxLength={200} onChange={(event) => setName(event.target.value)} />
        </label>
        <label>
          Description
          <textarea value={description} onChange={(event) => setDescription(event.target.value)} />
        </label>
        <label>
          Records
          <select value={entityType} onChange={(event) => changeType(event.target.value as EntityType)}>
            {entityTypeNames.map((type) => (
              <option key={type} value={type}>
                {typeLabel(type)}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>Columns</legend>
          <div className="report-columns">
            {fields.map((field) => (
              <label key={field.path} className="checkbox">
                <input
                  type="checkbox"
                  checked={columns.includes(field.path)}
                  onChange={(change) =>
                    setColumns(
                      change.target.checked
                        ? [...columns, field.path]
                        : columns.filter((c) => c !== field.path),
                    )
                  }
                />{' '}
                {field.title}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>Conditions (all must hold)</legend>
          {filters.map((draft, index) => {
            const field = byPath.get(draft.field);
            const update = (change: Partial<DraftFilter>) =>
              setFilters(filters.map((f, i) => (i === index ? { ...f, ...change } : f)));
            return (
              <div key={index} className="report-filter" role="group" aria-label={`Condition ${index + 1}`}>
                <label>
                  Field
                  <select
                    value={draft.field}
                    onChange={(event) => {
                      const next = byPath.get(event.target.value);
                      update({
                        field: event.target.value,
                        op: next ? (operatorsFor(next)[0] ?? 'eq') : 'eq',
                        text: '',
                      });
                    }}
                  >
                    {filterable.map((f) => (
                      <option key={f.path} value={f.path}>
                        {f.title}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  Operator
                  <select
                    value={draft.op}
                    onChange={(event) => update({ op: event.target.value as FilterOperator })}
                  >
                    {(field ? operatorsFor(field) : []).map((op) => (
                      <option key={op} value={op}>
                        {operatorLabels[op]}
                      </option>
                    ))}
                  </select>
                </label>
                <ValueInput
                  field={field}
                  op={draft.op}
                  text={draft.text}
                  onChange={(text) => update({ text })}
                />
                <button type="button" onClick={() => setFilters(filters.filter((_, i) => i !== index))}>
                  Remove
                </button>
              </div>
            );
          })}
          <button
            type="button"
            disabled={filterable.length === 0}
            onClick={() => {
              const first = filterable[0];
              if (first)
                setFilters([...filters, { field: first.path, op: operatorsFor(first)[0] ?? 'eq', text: '' }]);
            }}
          >
            Add condition
          </button>
        </fieldset>
        <fieldset>
          <legend>Order</legend>
          <label>
            Sort by
            <select
              value={sort?.field ?? ''}
              onChange={(event) =>
                setSort(
                  event.target.value === ''
                    ? undefined
                    : { field: event.target.value, direction: sort?.direction ?? 'asc' },
                )
              }
            >
              <option value="">Last updated first</option>
              {sortableFields(entityType).map((path) => (
                <option key={path} value={path}>
                  {byPath.get(path)?.title ?? path}
                </option>
              ))}
            </select>
          </label>
          {sort && (
            <label>
              Direction
              <select
                value={sort.direction}
                onChange={(event) => setSort({ ...sort, direction: event.target.value as 'asc' | 'desc' })}
              >
                <option value="asc">Ascending</option>
                <option value="desc">Descending</option>
              </select>
            </label>
          )}
        </fieldset>
        <fieldset>
          <legend>Grouping</legend>
          <label>
            Group by
            <select value={groupField} onChange={(event) => setGroupField(event.target.value)}>
              <option value="">No grouping</option>
              {fields.map((field) => (
                <option key={field.path} value={field.path}>
                  {field.title}
                </option>
              ))}
            </select>
          </label>
          {groupField !== '' &&
            fields
              .filter((field) => isNumericField(field) && columns.includes(field.path))
              .map((field) => (
                <label key={field.path} className="checkbox">
                  <input
                    type="checkbox"
                    checked={sums.includes(field.path)}
                    onChange={(change) =>
                      setSums(
                        change.target.checked ? [...sums, field.path] : sums.filter((s) => s !== field.path),
                      )
                    }
                  />{' '}
                  Sum of {field.title}
                </label>
              ))}
        </fieldset>
        {error && <p role="alert">{error}</p>}
        <button type="submit">Save report</button>
      </form>
    </section>
  );
}

/** The value of a condition, as fits its field and operator. */
function ValueInput(props: {
  field: ReportField | undefined;
  op: FilterOperator;
  text: string;
  onChange: (text: string) => void;
}) {
  const { field, op, text, onChange } = props;
  if (op === 'exists' || field?.type === 'boolean')
    return (
      <label>
        Value
        <select
          value={text === 'false' ? 'false' : 'true'}
          onChange={(event) => onChange(event.target.value)}
        >
          <option value="true">{op === 'exists' ? 'set' : 'yes'}</option>
          <option value="false">{op === 'exists' ? 'not set' : 'no'}</option>
        </select>
      </label>
    );
  if (field?.enum !== undefined && (op === 'eq' || op === 'ne'))
    return (
      <label>
        Value
        <select value={text} onChange={(event) => onChange(event.target.value)}>
          <option value="" />
          {field.enum.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
      </label>
    );
  const dated = field?.format === 'date' || field?.format === 'date-time';
  const placeholder =
    op === 'in' || op === 'nin'
      ? field?.enum
        ? field.enum.slice(0, 3).join(', ')
        : 'a, b, c'
      : dated
        ? '2026-01-31 or today-30'
        : '';
  return (
    <label>
      Value
      <input
        value={text}
        placeholder={placeholder}
        inputMode={field && isNumericField(field) && op !== 'in' && op !== 'nin' ? 'numeric' : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
    </label>
  );
}
