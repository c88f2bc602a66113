// CSV export of a query answer, made in the browser from the rows it already has (nothing is sent anywhere).
// RFC 4180: fields separated by commas, records by CRLF, a field with a comma, a quote or a line break quoted, quotes doubled.
// Spreadsheet-safe: a text cell starting with = + - @ (or a tab or carriage return) would run as a formula when the file
// is opened in a spreadsheet, so it gets a leading apostrophe (OWASP's CSV injection advice); numbers are never formulas
// and stay as they are.

const FORMULA_START = /^[=+\-@\t\r]/;

/** One field: text of the value, guarded, quoted when it must be. */
export function csvField(value) {
  let text;
  if (value === null || value === undefined) text = '';
  else if (typeof value === 'object') text = JSON.stringify(value);
  else text = String(value);
  if (typeof value !== 'number' && typeof value !== 'boolean' && FORMULA_START.test(text)) text = "'" + text;
  return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
}

/** The whole answer ({columns, rows}) as CSV text: a header record, then one record per row, each ending in CRLF. */
export function toCsv(answer) {
  const records = [answer.columns.map(c => csvField(c.name)).join(',')];
  for (const row of answer.rows) records.push(row.map(csvField).join(','));
  return records.join('\r\n') + '\r\n';
}

/** Saves the answer as a .csv file; with bom, UTF-8's byte order mark first (older spreadsheets need it to read UTF-8). */
export function downloadCsv(answer, fileName, bom) {
  const blob = new Blob([bom ? '\uFEFF' : '', toCsv(answer)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}
