import { useEffect, useId, useState } from 'react';
import { fetchTitle, listEntities, recordTitle } from './entity-api';
import { useEntityType } from './schema-context';

interface Option {
  id: string;
  title: string;
}

/**
 * Picks a record of another type: a search box narrowing a select of matching records (`?q=` prefix
 * search). The select carries the field's label, so it is what forms and tests address.
 */
export function RefSelect(props: {
  id?: string;
  target: string;
  value: string | undefined;
  onChange: (id: string | undefined) => void;
  label: string;
  required?: boolean;
  disabled?: boolean;
}) {
  const { target, value } = props;
  const description = useEntityType(target);
  const titleField = description?.meta.titleField ?? '_id';
  const fallbackId = useId();
  const id = props.id ?? fallbackId;
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<Option[]>([]);
  const [selected, setSelected] = useState<Option | undefined>();

  useEffect(() => {
    let live = true;
    // Debounced so typing a name sends one request, not one per key.
    const timer = setTimeout(() => {
      const params = new URLSearchParams({ limit: '20', sort: '-updatedAt' });
      if (query !== '') params.set('q', query);
      listEntities(target, params)
        .then((page) => {
          if (live)
            setOptions(page.items.map((doc) => ({ id: doc._id, title: recordTitle(doc, titleField) })));
        })
        .catch(() => {
          if (live) setOptions([]);
        });
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [target, titleField, query]);

  useEffect(() => {
    let live = true;
    if (value !== undefined && value !== '') {
      fetchTitle(target, value, titleField)
        .then((title) => {
          if (live) setSelected({ id: value, title });
        })
        .catch(() => undefined);
    }
    return () => {
      live = false;
    };
  }, [target, value, titleField]);

  const shown =
    value && !options.some((option) => option.id === value)
      ? [{ id: value, title: selected?.id === value ? selected.title : value }, ...options]
      : options;

  return (
    <div className="ref-select">
      <input
        type="search"
        aria-label={`Search ${props.label}`}
        placeholder={`Search ${description?.meta.label ?? target}…`}
        value={query}
        disabled={props.disabled}
        onChange={(event) => setQuery(event.target.value)}
      />
      <select
        id={id}
        aria-label={props.id === undefined ? props.label : undefined}
        value={value ?? ''}
        required={props.required}
        disabled={props.disabled}
        onChange={(event) => props.onChange(event.target.value === '' ? undefined : event.target.value)}
      >
        <option value="">— none —</option>
        {shown.map((option) => (
          <option key={option.id} value={option.id}>
            {option.title}
          </option>
        ))}
      </select>
    </div>
  );
}
