import { csvCell, csvLine } from './report-csv';

describe('csvCell', () => {
  test.each([
    ['plain', 'plain'],
    ['Smith, Jones', '"Smith, Jones"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+31 20 555', "'+31 20 555"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\tindent', "'\tindent"],
    ['=HYPERLINK("x", "y")', '"\'=HYPERLINK(""x"", ""y"")"'],
    ['', ''],
    [null, ''],
    [undefined, ''],
    [-1200, '-1200'],
    [0, '0'],
    [true, 'true'],
  ])('%j is written %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});

test('csvLine joins cells with commas and ends with CRLF', () => {
  expect(csvLine(['INV-1', 1500, null, 'a,b'])).toBe('INV-1,1500,,"a,b"\r\n');
});
