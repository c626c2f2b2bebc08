import { basename } from 'node:path';
import { FieldProblem, ValidationResult } from '@mentoring/contracts';
import { READ_FILES } from './oneroster';

/** The OneRoster files an import reads; other files of a set are accepted and ignored. */
export const IMPORTED_FILE_NAMES: readonly string[] = READ_FILES.map((file) => file.name);

/** One file of a multipart upload, already saved to disk. */
export interface UploadedPart {
  fieldName: string;
  originalName: string;
  path: string;
}

export type UploadPlan =
  | { kind: 'zip'; zip: UploadedPart; ignored: UploadedPart[] }
  | { kind: 'files'; files: Map<string, UploadedPart>; ignored: UploadedPart[] };

const EXPECTED =
  'upload results.csv and lineItems.csv (optionally manifest.csv, users.csv, classes.csv, courses.csv, categories.csv, orgs.csv, roles.csv and the score scale files) as files, or one zip file of them';

/**
 * Decides what an upload is: one zip, or separate CSV files recognised by file name (or, for
 * clients that name the form field instead, by field name). Whether the set is complete is the
 * importer's call, so that a zip and separate files report a missing file the same way.
 */
export function planUpload(parts: readonly UploadedPart[]): ValidationResult<UploadPlan> {
  if (parts.length === 0) return refuse([{ field: 'files', problem: `no file was uploaded; ${EXPECTED}` }]);
  const zips = parts.filter(isZip);
  if (zips.length > 0) return planZip(parts, zips);
  const files = new Map<string, UploadedPart>();
  const ignored: UploadedPart[] = [];
  const problems: FieldProblem[] = [];
  for (const part of parts) {
    const name = importedName(part);
    if (name === undefined) ignored.push(part);
    else if (files.has(name)) problems.push({ field: `files.${name}`, problem: 'was uploaded more than once; a file set has one of each file' });
    else files.set(name, part);
  }
  return problems.length > 0 ? refuse(problems) : { ok: true, value: { kind: 'files', files, ignored } };
}

function planZip(parts: readonly UploadedPart[], zips: UploadedPart[]): ValidationResult<UploadPlan> {
  const alongside = parts.filter((part) => !isZip(part) && importedName(part) !== undefined);
  if (zips.length > 1 || alongside.length > 0) {
    return refuse([{ field: 'files', problem: `send either one zip file or separate CSV files, not both; ${EXPECTED}` }]);
  }
  return { ok: true, value: { kind: 'zip', zip: zips[0], ignored: parts.filter((part) => part !== zips[0]) } };
}

function isZip(part: UploadedPart): boolean {
  return part.originalName.toLowerCase().endsWith('.zip');
}

function importedName(part: UploadedPart): string | undefined {
  return [basename(part.originalName), part.fieldName].find((name) => IMPORTED_FILE_NAMES.includes(name));
}

function refuse(problems: FieldProblem[]): ValidationResult<UploadPlan> {
  return { ok: false, problems };
}
