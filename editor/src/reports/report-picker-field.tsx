import { useEffect, useState } from 'react';
import type { FieldProps } from '@rjsf/utils';
import { errorMessage } from '../api/api-client';
import { reportApi, type Report } from './report-api';

/** `report.run`'s report: a choice among the built-in and saved reports by name; the node keeps the id. */
export function ReportPickerField(props: FieldProps) {
  const { fieldPathId, readonly, disabled } = props;
  const value = typeof props.formData === 'string' ? props.formData : '';
  const [reports, setReports] = useState<Report[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let live = true;
    reportApi.list().then(
      (items) => live && setReports(items),
      (caught: unknown) => live && setError(errorMessage(caught)),
    );
    return () => {
      live = false;
    };
  }, []);
  const known = reports?.some((report) => report._id === value) ?? true;
  return (
    <label>
      {props.schema.title ?? 'Report'}
      <select
        id={fieldPathId.$id}
        value={value}
        disabled={Boolean(readonly || disabled)}
        onChange={(event) =>
          props.onChange(event.target.value === '' ? undefined : event.target.value, fieldPathId.path)
        }
      >
        <option value="">Choose a report</option>
        {!known && <option value={value}>{value} (missing)</option>}
        {(reports ?? []).map((report) => (
          <option key={report._id} value={report._id}>
            {report.name}
          </option>
        ))}
      </select>
      {error && <span role="alert">Could not load reports: {error}</span>}
    </label>
  );
}
