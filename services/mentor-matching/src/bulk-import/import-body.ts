import { BadRequestException } from '@nestjs/common';
import { BodyTooLargeException } from '@mentoring/platform';
import type { IncomingMessage } from 'node:http';
import { parseCsvRecords, rowFromCsv, ColumnReaders } from './csv-records';
import { ImportRow, rowsFromJson } from './import-rows';

/**
 * An import's rows from a JSON array body or a `text/csv` body (which Nest's parsers leave unread);
 * a CSV body has the same limit as a JSON one, the process's HTTP_BODY_LIMIT_MB.
 */
export async function readImportRows(request: IncomingMessage, jsonBody: unknown, columns: ColumnReaders, limitBytes: number): Promise<ImportRow[]> {
  if (/^text\/csv\b/i.test(request.headers['content-type'] ?? '')) {
    return csvRows(await readText(request, limitBytes), columns);
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

async function readText(request: IncomingMessage, limitBytes: number): Promise<string> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) throw new BodyTooLargeException(limitBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) throw new BodyTooLargeException(limitBytes);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function badFile(problem: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', problems: [{ field: '(body)', problem }] });
}
