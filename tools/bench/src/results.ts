import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BenchResult } from './report';

const repoRoot = path.resolve(__dirname, '../../..');

/** `2025-06-01T12:30:05.123Z` -> `2025-06-01T12-30-05.123Z.json`: no colons, which some file systems refuse. */
export function resultFileName(isoTimestamp: string): string {
  return `${isoTimestamp.replace(/:/g, '-')}.json`;
}

/** Writes the run under its start time and as latest.json; returns both paths. */
export function writeResult(result: BenchResult, outDir: string): string[] {
  const directory = path.resolve(repoRoot, outDir);
  mkdirSync(directory, { recursive: true });
  const json = `${JSON.stringify(result, null, 2)}\n`;
  const files = [path.join(directory, resultFileName(result.startedAt)), path.join(directory, 'latest.json')];
  for (const file of files) writeFileSync(file, json);
  return files;
}
