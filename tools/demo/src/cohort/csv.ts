// RFC 4180: a field is quoted when it holds a separator, a quote or a line break (or would lose
// edge spaces to a lenient reader); quotes inside are doubled.
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A CSV document with a header row and CRLF line endings, as the OneRoster CSV binding asks. */
export function toCsv(header: readonly string[], rows: Iterable<readonly string[]>): string {
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) {
    if (row.length !== header.length) {
      throw new RangeError(`a CSV row has ${row.length} fields, the header ${header.length}`);
    }
    lines.push(row.map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
