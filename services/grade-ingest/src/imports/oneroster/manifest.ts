import { ImportFileError } from '../domain';
import { readCsvRows } from './csv-rows';
import { MANIFEST_FILE, OneRosterFile, READ_FILES, RESULTS_FILE, USERS_FILE } from './oneroster-files';
import { OneRosterSource } from './sources';

export type OneRosterVersion = '1.1' | '1.2';
export type FileMode = 'bulk' | 'delta';

/** What a set declares about itself (manifest.csv) or, without a manifest, what its headers show. */
export interface BundleInfo {
  version: OneRosterVersion;
  /** Mode of each file the set has; a file without a manifest entry is bulk. */
  modes: ReadonlyMap<string, FileMode>;
}

const MODES = ['bulk', 'delta', 'absent'] as const;

/**
 * Reads manifest.csv when the set has one: `oneroster.version` and one `file.<name>` entry per
 * file. A file listed as absent need not be there (and is not read if it is); one listed as bulk
 * or delta must be. Without a manifest every file is bulk and the version comes from the headers.
 */
export async function readBundleInfo(source: OneRosterSource): Promise<BundleInfo> {
  const properties = source.has(MANIFEST_FILE.name) ? await readManifest(source) : new Map<string, { value: string; row: number }>();
  const modes = new Map<string, FileMode>();
  for (const file of READ_FILES.filter((f) => f !== MANIFEST_FILE)) {
    const entry = properties.get(`file.${file.name.replace(/\.csv$/, '')}`);
    const mode = entry?.value ?? (source.has(file.name) ? 'bulk' : 'absent');
    if (!(MODES as readonly string[]).includes(mode)) {
      throw manifestError(`manifest.csv row ${entry?.row} gives file.${file.name.replace(/\.csv$/, '')} the mode "${mode}"; use bulk, delta or absent`);
    }
    if (mode === 'absent') continue;
    if (!source.has(file.name)) {
      throw new ImportFileError({ code: 'missing-file', file: file.name, message: `manifest.csv lists ${file.name} as ${mode}, but the set has no ${file.name}` });
    }
    modes.set(file.name, mode as FileMode);
  }
  const declared = properties.get('oneroster.version');
  if (declared !== undefined && !['1.1', '1.2'].includes(declared.value)) {
    throw manifestError(`manifest.csv names oneroster.version "${declared.value}"; this importer reads the 1.1 and 1.2 CSV bindings`);
  }
  const version = (declared?.value as OneRosterVersion | undefined) ?? (await versionFromHeaders(source, modes));
  return { version, modes };
}

/** Whether the set has `file` and the manifest does not list it as absent. */
export function included(info: BundleInfo, file: OneRosterFile): boolean {
  return info.modes.has(file.name);
}

async function readManifest(source: OneRosterSource): Promise<Map<string, { value: string; row: number }>> {
  const properties = new Map<string, { value: string; row: number }>();
  for await (const row of readCsvRows(await source.open(MANIFEST_FILE.name), MANIFEST_FILE)) {
    const name = row.value('propertyName');
    if (properties.has(name)) throw manifestError(`manifest.csv row ${row.row} repeats the property ${name}`);
    properties.set(name, { value: row.value('value'), row: row.row });
  }
  return properties;
}

// 1.2 added classSourcedId, textScore and score scales to results, and dropped role and
// orgSourcedIds from users in favour of roles.csv and primaryOrgSourcedId.
async function versionFromHeaders(source: OneRosterSource, modes: ReadonlyMap<string, FileMode>): Promise<OneRosterVersion> {
  const results = await headerOf(source, RESULTS_FILE.name);
  if (['classSourcedId', 'textScore', 'scoreScaleSourcedId'].some((column) => results.includes(column))) return '1.2';
  if (modes.has(USERS_FILE.name)) {
    const users = await headerOf(source, USERS_FILE.name);
    if (users.includes('orgSourcedIds') || users.includes('role')) return '1.1';
  }
  return results.length > 0 && !results.includes('textScore') ? '1.1' : '1.2';
}

async function headerOf(source: OneRosterSource, fileName: string): Promise<string[]> {
  const input = await source.open(fileName);
  let first = '';
  try {
    for await (const chunk of input) {
      first += (chunk as Buffer).toString('utf8');
      if (first.includes('\n') || first.length > 64 * 1024) break;
    }
  } finally {
    input.destroy();
  }
  return first.replace(/^\uFEFF/, '').split(/\r?\n/)[0].split(',').map((name) => name.trim().replace(/^"|"$/g, ''));
}

function manifestError(message: string): ImportFileError {
  return new ImportFileError({ code: 'manifest', file: MANIFEST_FILE.name, message });
}
