import { useEffect, useState } from 'react';
import type { FieldProps } from '@rjsf/utils';
import { errorMessage } from '../../api/api-client';

/** What a {@link StoredChoiceField} chooses among: stored things named for people, kept by id. */
export interface StoredChoices<T> {
  load: () => Promise<T[]>;
  idOf: (item: T) => string;
  labelOf: (item: T) => string;
  /** The title when the schema has none, and the plural in the load error. */
  title: string;
  plural: string;
  /** The first, empty option's text. */
  none: string;
  className?: string;
}

/**
 * A param that names a stored thing (a credential, a report) by its id: a select of the things by
 * name, with an id that no longer exists kept and marked missing.
 */
export function StoredChoiceField<T>({ field, choices }: { field: FieldProps; choices: StoredChoices<T> }) {
  const { fieldPathId, readonly, disabled } = field;
  const value = typeof field.formData === 'string' ? field.formData : '';
  const [items, setItems] = useState<T[]>();
  const [error, setError] = useState<string>();
  const { load } = choices;
  useEffect(() => {
    let live = true;
    load().then(
      (loaded) => live && setItems(loaded),
      (caught: unknown) => live && setError(errorMessage(caught)),
    );
    return () => {
      live = false;
    };
  }, [load]);
  const known = items?.some((item) => choices.idOf(item) === value) ?? true;
  return (
    <label className={choices.className}>
      {field.schema.title ?? choices.title}
      <select
        id={fieldPathId.$id}
        value={value}
        disabled={Boolean(readonly || disabled)}
        onChange={(event) =>
          field.onChange(event.target.value === '' ? undefined : event.target.value, fieldPathId.path)
        }
      >
        <option value="">{choices.none}</option>
        {!known && <option value={value}>{value} (missing)</option>}
        {(items ?? []).map((item) => (
          <option key={choices.idOf(item)} value={choices.idOf(item)}>
            {choices.labelOf(item)}
          </option>
        ))}
      </select>
      {error && (
        <span role="alert">
          Could not load {choices.plural}: {error}
        </span>
      )}
    </label>
  );
}
