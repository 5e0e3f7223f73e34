import { builtInReports } from './builtin-reports';
import { resolveRelativeDate } from './relative-dates';
import { parseReportDefinition, reportDefinitionOf, ReportInputError } from './report-definition';

const base = { name: 'Big quotes', entityType: 'quote', columns: ['number', 'total'] };

function problemsOf(input: unknown): Array<{ path: string; message: string }> {
  try {
    parseReportDefinition(input);
  } catch (error: unknown) {
    if (error instanceof ReportInputError) return error.problems;
    throw error;
  }
  throw new Error('expected a ReportInputError');
}

test.each(builtInReports.map((report) => [report.name, report] as const))(
  'built-in "%s" is valid',
  (_name, report) => {
    const definition = reportDefinitionOf(report);
    expect(parseReportDefinition(definition)).toEqual(definition);
  },
);

test('a valid definition comes back trimmed and complete', () => {
  expect(
    parseReportDefinition({
      ...base,
      name: ' Big quotes ',
      filters: [{ field: 'quoteDate', op: 'gte', value: 'today-30' }],
      sort: { field: 'total', direction: 'desc' },
      groupBy: { field: 'status', sums: ['total'] },
    }),
  ).toEqual({
    ...base,
    filters: [{ field: 'quoteDate', op: 'gte', value: 'today-30' }],
    sort: { field: 'total', direction: 'desc' },
    groupBy: { field: 'status', sums: ['total'] },
  });
});

test.each([
  [[], '', 'must be a JSON object'],
  [{ ...base, entityType: 'invoices' }, 'entityType', expect.stringMatching(/^must be one of account, /)],
  [{ ...base, name: '' }, 'name', 'must be text of 1 to 200 characters'],
  [{ ...base, colour: 'red' }, 'colour', expect.stringMatching(/^is not a known field/)],
  [{ ...base, columns: [] }, 'columns', 'must be a list of 1 to 30 field names'],
  [
    { ...base, columns: ['number', 'lines'] },
    'columns[1]',
    expect.stringMatching(/^lines is not a field; use one of number, /),
  ],
  [{ ...base, columns: ['number', 'number'] }, 'columns[1]', 'number is listed twice'],
  [
    { ...base, filters: [{ field: 'notes', op: 'eq', value: 'x' }] },
    'filters[0].field',
    expect.stringMatching(/^notes is not a filterable field of quote/),
  ],
  [
    { ...base, filters: [{ field: 'total', op: 'regex', value: 1 }] },
    'filters[0].op',
    expect.stringMatching(/^must be one of eq, ne, gt/),
  ],
  [
    { ...base, filters: [{ field: 'status', op: 'gt', value: 'draft' }] },
    'filters[0].op',
    expect.stringMatching(/^gt does not apply to status/),
  ],
  [
    { ...base, filters: [{ field: 'status', op: 'eq', value: 'lost' }] },
    'filters[0].value',
    expect.stringMatching(/^must be one of draft, /),
  ],
  [
    { ...base, filters: [{ field: 'status', op: 'in', value: ['draft', 7] }] },
    'filters[0].value[1]',
    'must be text',
  ],
  [
    { ...base, filters: [{ field: 'total', op: 'eq', value: { $gt: 0 } }] },
    'filters[0].value',
    'must be an integer',
  ],
  [
    { ...base, filters: [{ field: 'quoteDate', op: 'lt', value: 'yesterday' }] },
    'filters[0].value',
    expect.stringMatching(/^must be a date/),
  ],
  [
    { ...base, filters: [{ field: 'total', op: 'eq', value: 1, extra: 1 }] },
    'filters[0].extra',
    'is not a known field',
  ],
  [
    { ...base, sort: { field: 'notes', direction: 'asc' } },
    'sort.field',
    expect.stringMatching(/^must be one of /),
  ],
  [{ ...base, sort: { field: 'total', direction: 'up' } }, 'sort.direction', 'must be asc or desc'],
  [
    { ...base, groupBy: { field: 'owner', sums: [] } },
    'groupBy.field',
    expect.stringMatching(/^owner is not a field/),
  ],
  [
    { ...base, groupBy: { field: 'status', sums: ['number'] } },
    'groupBy.sums[0]',
    expect.stringMatching(/^number is not a number field/),
  ],
  [
    { ...base, groupBy: { field: 'status', sums: ['discountBp'] } },
    'groupBy.sums[0]',
    "discountBp must be one of the report's columns",
  ],
])('%j is refused at %s', (input, path, message) => {
  expect(problemsOf(input)).toEqual([{ path, message }]);
});

test.each([
  ['today', 'date', '2026-03-01'],
  ['today-1', 'date', '2026-02-28'],
  ['today+31', 'date', '2026-04-01'],
  ['today', 'date-time', '2026-03-01T00:00:00.000Z'],
  ['today', undefined, 'today'],
  ['2026-01-01', 'date', '2026-01-01'],
])('%s on a %s field resolves to %s', (value, format, expected) => {
  expect(resolveRelativeDate(value, format, new Date('2026-03-01T10:00:00Z'))).toBe(expected);
});
