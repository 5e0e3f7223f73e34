/** Cells that a spreadsheet would read as a formula start with one of these (OWASP CSV injection). */
const formulaStart = /^[=+\-@\t\r]/;

/**
 * One CSV cell (RFC 4180): text that a spreadsheet would run as a formula gets a leading `'`; a cell
 * holding a comma, a quote or a line break is quoted, with quotes doubled. Numbers and booleans are
 * written as they are (a negative number is data, not a formula); null and undefined are empty.
 *
 * @example
 * csvCell('=SUM(A1:A9)'); // "'=SUM(A1:A9)"
 * csvCell('Smith, "Jr"'); // '"Smith, ""Jr"""'
 * csvCell(-1200); // '-1200'
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  let text = typeof value === 'string' ? value : JSON.stringify(value);
  if (formulaStart.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record, ended by CRLF as RFC 4180 writes it. */
export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
