import { Link } from '../routing/use-route';
import type { EntityDoc } from './entity-api';
import { FieldValue } from './field-value';
import type { Column } from './list-columns';

/** The sort a table header shows and toggles: a field, descending when prefixed with `-`. */
export interface SortState {
  sort: string;
  onSort: (sort: string) => void;
  /** Fields the server sorts by: system dates and filterable fields. */
  sortable: ReadonlySet<string>;
}

/** A table of records; the first column links to each record. Headers sort when `sorting` is given. */
export function RecordTable(props: {
  type: string;
  columns: readonly Column[];
  items: readonly EntityDoc[];
  label: string;
  sorting?: SortState;
}) {
  const { type, columns, items, sorting } = props;
  return (
    <table className="records" aria-label={props.label}>
      <thead>
        <tr>
          {columns.map((column) => {
            const direction =
              sorting?.sort === column.field
                ? 'ascending'
                : sorting?.sort === `-${column.field}`
                  ? 'descending'
                  : undefined;
            return (
              <th key={column.field} scope="col" aria-sort={direction}>
                {sorting?.sortable.has(column.field) ? (
                  <button
                    type="button"
                    className="sort"
                    onClick={() =>
                      sorting.onSort(direction === 'ascending' ? `-${column.field}` : column.field)
                    }
                  >
                    {column.title}
                    <span aria-hidden="true">
                      {direction === 'ascending' ? ' ▲' : direction === 'descending' ? ' ▼' : ''}
                    </span>
                  </button>
                ) : (
                  column.title
                )}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {items.length === 0 && (
          <tr>
            <td colSpan={columns.length} className="empty">
              Nothing here yet.
            </td>
          </tr>
        )}
        {items.map((item) => (
          <tr key={item._id} data-testid={`row-${item._id}`}>
            {columns.map((column, index) => {
              const currency = typeof item.currency === 'string' ? item.currency : undefined;
              const value = (
                <FieldValue schema={column.schema} value={item[column.field]} currency={currency} />
              );
              return (
                <td key={column.field} className={column.schema.type === 'integer' ? 'num' : undefined}>
                  {index === 0 ? <Link to={{ page: 'detail', type, id: item._id }}>{value}</Link> : value}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
