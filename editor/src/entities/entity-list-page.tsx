import { useEffect, useState } from 'react';
import type { FilterableField } from '../../../schemas/entity-metadata';
import { errorMessage } from '../api/api-client';
import { Link, navigate } from '../routing/use-route';
import { listEntities, type EntityDoc } from './entity-api';
import { humanize, plural } from './format';
import { listColumns } from './list-columns';
import { RecordTable } from './record-table';
import { RefSelect } from './ref-select';
import { useEntityType } from './schema-context';

const pageSize = '25';
const defaultSort = '-updatedAt';
const hiddenFilters = new Set(['createdAt', 'updatedAt', 'archived']);

/**
 * Lists records of a type. Search, filters and sort live in the URL (`?q=&status=&sort=`), so a filtered
 * list can be bookmarked; "Load more" follows the server's cursor.
 */
export function EntityListPage({ type, search }: { type: string; search: URLSearchParams }) {
  const description = useEntityType(type);
  const query = search.toString();
  const [items, setItems] = useState<EntityDoc[]>([]);
  const [nextCursor, setNextCursor] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [loaded, setLoaded] = useState<string | undefined>();

  useEffect(() => {
    let live = true;
    const params = new URLSearchParams(query);
    if (!params.has('sort')) params.set('sort', defaultSort);
    params.set('limit', pageSize);
    listEntities(type, params)
      .then((page) => {
        if (!live) return;
        setItems(page.items);
        setNextCursor(page.nextCursor ?? undefined);
        setError(undefined);
        setLoaded(`${type}?${query}`);
      })
      .catch((caught: unknown) => live && setError(errorMessage(caught)));
    return () => {
      live = false;
    };
  }, [type, query]);

  if (!description) return <p>Unknown entity type {type}.</p>;
  const { meta } = description;

  const setParam = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(query);
    if (value === undefined || value === '') next.delete(name);
    else next.set(name, value);
    const text = next.toString();
    navigate(`/entities/${type}${text === '' ? '' : `?${text}`}`, { replace: true });
  };

  const loadMore = () => {
    if (nextCursor === undefined) return;
    const params = new URLSearchParams(query);
    if (!params.has('sort')) params.set('sort', defaultSort);
    params.set('limit', pageSize);
    params.set('cursor', nextCursor);
    listEntities(type, params)
      .then((page) => {
        setItems((current) => [...current, ...page.items]);
        setNextCursor(page.nextCursor ?? undefined);
      })
      .catch((caught: unknown) => setError(errorMessage(caught)));
  };

  const filters = meta.filterable.filter(
    (field) => !hiddenFilters.has(field.path) && field.path !== meta.numbering?.field,
  );
  const primary = filters.filter((field) => field.enum !== undefined || field.path === meta.refs[0]?.path);
  const secondary = filters.filter((field) => !primary.includes(field));
  const filterControl = (field: FilterableField) => (
    <FilterControl
      key={field.path}
      field={field}
      title={description.schema.properties[field.path]?.title ?? field.path}
      target={meta.refs.find((ref) => ref.path === field.path)?.target}
      value={search.get(field.path) ?? ''}
      onChange={(value) => setParam(field.path, value)}
    />
  );

  return (
    <section className="page" aria-labelledby="list-title">
      <header className="page-header">
        <h1 id="list-title">{plural(meta.label)}</h1>
        <Link to={{ page: 'create', type }} className="button">
          New {meta.label.toLowerCase()}
        </Link>
      </header>
      <div className="filters" role="search" aria-label={`Filter ${plural(meta.label).toLowerCase()}`}>
        {meta.searchable.length > 0 && (
          <label>
            Search
            <input
              type="search"
              defaultValue={search.get('q') ?? ''}
              placeholder={meta.searchable
                .map((path) => description.schema.properties[path]?.title ?? path)
                .join(', ')}
              onChange={(event) => setParam('q', event.target.value)}
            />
          </label>
        )}
        {primary.map(filterControl)}
        {secondary.length > 0 && (
          <details className="more-filters">
            <summary>More filters</summary>
            {secondary.map(filterControl)}
          </details>
        )}
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <RecordTable
        type={type}
        label={plural(meta.label)}
        columns={listColumns(description)}
        items={items}
        sorting={{
          sort: search.get('sort') ?? defaultSort,
          onSort: (sort) => setParam('sort', sort),
          sortable: new Set(['updatedAt', 'createdAt', ...meta.filterable.map((field) => field.path)]),
        }}
      />
      <p className="list-footer" aria-live="polite">
        {loaded === `${type}?${query}` ? `${items.length} shown` : 'Loading…'}
        {nextCursor !== undefined && (
          <button type="button" onClick={loadMore}>
            Load more
          </button>
        )}
      </p>
    </section>
  );
}

function FilterControl(props: {
  field: FilterableField;
  title: string;
  target: string | undefined;
  value: string;
  onChange: (value: string | undefined) => void;
}) {
  const { field, title, value, onChange } = props;
  if (props.target !== undefined) {
    return (
      <div className="filter">
        <span className="filter-label">{title}</span>
        <RefSelect target={props.target} value={value || undefined} onChange={onChange} label={title} />
      </div>
    );
  }
  if (field.enum !== undefined || field.type === 'boolean') {
    const values = field.enum ?? ['true', 'false'];
    return (
      <label className="filter">
        {title}
        <select value={value} onChange={(event) => onChange(event.target.value)}>
          <option value="">Any</option>
          {values.map((option) => (
            <option key={option} value={option}>
              {field.type === 'boolean' ? (option === 'true' ? 'Yes' : 'No') : humanize(option)}
            </option>
          ))}
        </select>
      </label>
    );
  }
  const inputType = field.format === 'date' ? 'date' : field.type === 'string' ? 'text' : 'number';
  return (
    <label className="filter">
      {title}
      <input type={inputType} defaultValue={value} onChange={(event) => onChange(event.target.value)} />
    </label>
  );
}
