export type CsvValue = string | number | boolean | null;

/** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled; null is an empty field. */
export function csvField(value: CsvValue): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A header line of the column names, then one line per row; CRLF line ends. */
export function toCsv<Row>(columns: ReadonlyArray<{ header: string; value: (row: Row) => CsvValue }>, rows: readonly Row[]): string {
  const lines = [columns.map((column) => csvField(column.header)), ...rows.map((row) => columns.map((column) => csvField(column.value(row))))];
  return lines.map((fields) => `${fields.join(',')}\r\n`).join('');
}
