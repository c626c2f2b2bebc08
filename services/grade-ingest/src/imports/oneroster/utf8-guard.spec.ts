import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import { ImportFileError } from '../domain';
import { utf8Guard } from './utf8-guard';

async function guarded(chunks: Buffer[], maxLineBytes = 1024): Promise<string> {
  const guard = utf8Guard('results.csv', maxLineBytes);
  const [output] = await Promise.all([text(guard), pipeline(Readable.from(chunks), guard)]);
  return output;
}

async function failure(chunks: Buffer[], maxLineBytes = 1024): Promise<ImportFileError> {
  try {
    await guarded(chunks, maxLineBytes);
  } catch (error) {
    if (error instanceof ImportFileError) return error;
    throw error;
  }
  throw new Error('expected the guard to fail');
}

describe('utf8Guard', () => {
  it('passes valid UTF-8 through unchanged, even with a character split across chunks', async () => {
    const bytes = Buffer.from('name\nZoë Nguyễn\nlast line without newline é', 'utf8');
    const splitInsideÖ = bytes.indexOf(Buffer.from('ë')) + 1;

    await expect(guarded([bytes.subarray(0, splitInsideÖ), bytes.subarray(splitInsideÖ)])).resolves.toBe(bytes.toString('utf8'));
  });

  it('names the line of the first invalid byte, counting lines across chunks', async () => {
    const latin1 = Buffer.from('a,b\n1,2\n3,Zo\xeb\n4,5\n', 'latin1');

    const error = await failure([latin1.subarray(0, 5), latin1.subarray(5)]);

    expect(error).toMatchObject({ code: 'invalid-utf8', file: 'results.csv', line: 3 });
    expect(error.message).toContain('line 3');
  });

  it('finds an invalid byte in a last line that has no newline', async () => {
    await expect(failure([Buffer.from('a\nb\n\xff', 'latin1')])).resolves.toMatchObject({ code: 'invalid-utf8', line: 3 });
  });

  it('refuses a UTF-16 file at its first line', async () => {
    await expect(failure([Buffer.from('\ufeffa,b\n', 'utf16le')])).resolves.toMatchObject({ code: 'invalid-utf8', line: 1 });
  });

  it('stops a file without line breaks before it fills memory', async () => {
    await expect(failure([Buffer.alloc(600, 'x'), Buffer.alloc(600, 'x')], 1000)).resolves.toMatchObject({ code: 'malformed-csv', line: 1 });
  });
});
