import type { FieldProps } from '@rjsf/utils';
import { StoredChoiceField, type StoredChoices } from '../workflows/inspector/stored-choice-field';
import { reportApi, type Report } from './report-api';

const reports: StoredChoices<Report> = {
  load: () => reportApi.list(),
  idOf: (report) => report._id,
  labelOf: (report) => report.name,
  title: 'Report',
  plural: 'reports',
  none: 'Choose a report',
};

/** `report.run`'s report: a choice among the built-in and saved reports by name; the node keeps the id. */
export function ReportPickerField(props: FieldProps) {
  return <StoredChoiceField field={props} choices={reports} />;
}
