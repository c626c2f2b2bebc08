import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { parseCsvRecords, rowFromCsv, ColumnReaders } from './csv-records';
import { ImportRow, rowsFromJson } from './import-rows';

const MAX_CSV_BYTES = 10 * 1024 * 1024;

/** An import's rows from a JSON array body or a `text/csv` body (which Nest's parsers leave unread). */
export async function readImportRows(request: IncomingMessage, jsonBody: unknown, columns: ColumnReaders): Promise<ImportRow[]> {
  if (/^text\/csv\b/i.test(request.headers['content-type'] ?? '')) {
    return csvRows(await readText(request), columns);
  }
  if (Array.isArray(jsonBody)) return rowsFromJson(jsonBody);
  throw badFile('must be a JSON array of rows, or a CSV file sent as text/csv');
}

function csvRows(text: string, columns: ColumnReaders): ImportRow[] {
  try {
    return parseCsvRecords(text).map((record) => rowFromCsv(record, columns));
  } catch (error) {
    throw badFile(`is not readable CSV: ${(error as Error).message}`);
  }
}

async function readText(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_CSV_BYTES) throw new PayloadTooLargeException(`A CSV import may be at most ${MAX_CSV_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function badFile(problem: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', problems: [{ field: '(body)', problem }] });
}
