import { writeFile } from 'node:fs/promises';
import { constants, crc32, deflateRawSync } from 'node:zlib';

/** `chunk` repeated `times` times, deflated without ever holding the whole: how a zip bomb is built. */
export interface RepeatedData {
  repeat: Buffer | string;
  times: number;
}

export interface ZipEntryInput {
  name: string;
  data: Buffer | string | RepeatedData;
  /** Writes this uncompressed size into the headers instead of the real one. */
  declaredSize?: number;
}

// A final, empty deflate block with fixed Huffman codes: ends a stream of flushed segments.
const FINAL_EMPTY_BLOCK = Buffer.from([0x03, 0x00]);

const UTF8_NAMES = 0x0800;
const DEFLATE = 8;
const VERSION = 20;
// 2025-01-01 00:00 in MS-DOS format: the archive bytes stay the same from run to run.
const DOS_TIME = 0;
const DOS_DATE = ((2025 - 1980) << 9) | (1 << 5) | 1;

/** Writes a plain deflated zip, enough for tests to build archives without a zip library. */
export async function writeZip(zipPath: string, inputs: readonly ZipEntryInput[]): Promise<void> {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const input of inputs) {
    const name = Buffer.from(input.name, 'utf8');
    const { compressed, crc, length } = deflated(input.data);
    const sizes = { crc, compressed: compressed.length, uncompressed: input.declaredSize ?? length };
    const local = Buffer.concat([localHeader(name, sizes), name, compressed]);
    centrals.push(Buffer.concat([centralHeader(name, sizes, offset), name]));
    locals.push(local);
    offset += local.length;
  }
  const central = Buffer.concat(centrals);
  await writeFile(zipPath, Buffer.concat([...locals, central, endOfCentralDirectory(inputs.length, central.length, offset)]));
}

function deflated(data: ZipEntryInput['data']): { compressed: Buffer; crc: number; length: number } {
  if (typeof data === 'string' || Buffer.isBuffer(data)) {
    const bytes = Buffer.from(data);
    return { compressed: deflateRawSync(bytes), crc: crc32(bytes), length: bytes.length };
  }
  // A full flush empties the compressor's window, so the segment decodes the same wherever it
  // stands, and the same bytes repeated inflate to the chunk repeated.
  const chunk = Buffer.from(data.repeat);
  const segment = deflateRawSync(chunk, { finishFlush: constants.Z_FULL_FLUSH });
  let crc = 0;
  for (let i = 0; i < data.times; i += 1) crc = crc32(chunk, crc);
  const compressed = Buffer.concat([...Array.from({ length: data.times }, () => segment), FINAL_EMPTY_BLOCK]);
  return { compressed, crc, length: chunk.length * data.times };
}

interface Sizes {
  crc: number;
  compressed: number;
  uncompressed: number;
}

function localHeader(name: Buffer, sizes: Sizes): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(VERSION, 4);
  header.writeUInt16LE(UTF8_NAMES, 6);
  header.writeUInt16LE(DEFLATE, 8);
  header.writeUInt16LE(DOS_TIME, 10);
  header.writeUInt16LE(DOS_DATE, 12);
  header.writeUInt32LE(sizes.crc, 14);
  header.writeUInt32LE(sizes.compressed, 18);
  header.writeUInt32LE(sizes.uncompressed, 22);
  header.writeUInt16LE(name.length, 26);
  return header;
}

function centralHeader(name: Buffer, sizes: Sizes, localOffset: number): Buffer {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE(VERSION, 4);
  header.writeUInt16LE(VERSION, 6);
  header.writeUInt16LE(UTF8_NAMES, 8);
  header.writeUInt16LE(DEFLATE, 10);
  header.writeUInt16LE(DOS_TIME, 12);
  header.writeUInt16LE(DOS_DATE, 14);
  header.writeUInt32LE(sizes.crc, 16);
  header.writeUInt32LE(sizes.compressed, 20);
  header.writeUInt32LE(sizes.uncompressed, 24);
  header.writeUInt16LE(name.length, 28);
  header.writeUInt32LE(localOffset, 42);
  return header;
}

function endOfCentralDirectory(entries: number, centralSize: number, centralOffset: number): Buffer {
  const record = Buffer.alloc(22);
  record.writeUInt32LE(0x06054b50, 0);
  record.writeUInt16LE(entries, 8);
  record.writeUInt16LE(entries, 10);
  record.writeUInt32LE(centralSize, 12);
  record.writeUInt32LE(centralOffset, 16);
  return record;
}
