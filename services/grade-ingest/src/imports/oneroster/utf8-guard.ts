import { isUtf8 } from 'node:buffer';
import { Transform } from 'node:stream';
import { ImportFileError } from '../domain';

const NEWLINE = 0x0a;

/**
 * Passes bytes through only if they are valid UTF-8, failing with the file and line of the first
 * invalid byte. It checks whole lines: a newline byte never occurs inside a multi-byte character,
 * so a character split across two chunks is checked once it is complete.
 */
export function utf8Guard(fileName: string, maxLineBytes: number): Transform {
  let pending = Buffer.alloc(0);
  let linesPassed = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const bytes = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
      const end = bytes.lastIndexOf(NEWLINE) + 1;
      const complete = bytes.subarray(0, end);
      pending = Buffer.from(bytes.subarray(end));
      if (!isUtf8(complete)) return done(invalidUtf8(fileName, linesPassed + firstInvalidLine(complete)));
      if (pending.length > maxLineBytes) return done(lineTooLong(fileName, linesPassed + 1, maxLineBytes));
      linesPassed += countNewlines(complete);
      if (complete.length > 0) this.push(complete);
      done();
    },
    flush(done) {
      if (!isUtf8(pending)) return done(invalidUtf8(fileName, linesPassed + 1));
      done(null, pending);
    },
  });
}

function firstInvalidLine(bytes: Buffer): number {
  let line = 1;
  let start = 0;
  for (let end = bytes.indexOf(NEWLINE); end !== -1; end = bytes.indexOf(NEWLINE, start)) {
    if (!isUtf8(bytes.subarray(start, end))) return line;
    line += 1;
    start = end + 1;
  }
  return line;
}

function countNewlines(bytes: Buffer): number {
  let count = 0;
  for (let at = bytes.indexOf(NEWLINE); at !== -1; at = bytes.indexOf(NEWLINE, at + 1)) count += 1;
  return count;
}

function invalidUtf8(file: string, line: number): ImportFileError {
  return new ImportFileError({
    code: 'invalid-utf8',
    file,
    line,
    message: `${file} is not valid UTF-8: line ${line} contains bytes of another encoding; save the file as UTF-8 and upload it again`,
  });
}

function lineTooLong(file: string, line: number, maxLineBytes: number): ImportFileError {
  return new ImportFileError({
    code: 'malformed-csv',
    file,
    line,
    message: `${file} line ${line} is longer than ${maxLineBytes} bytes; is this a CSV file with one record per line?`,
  });
}
