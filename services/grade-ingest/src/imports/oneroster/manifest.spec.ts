import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImportFileError } from '../domain';
import { readBundleInfo } from './manifest';
import { fileSource } from './sources';

describe('readBundleInfo', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'manifest-'));
  });

  afterAll(() => rm(dir, { recursive: true, force: true }));

  let sets = 0;

  async function set(files: Record<string, string>): Promise<Record<string, string>> {
    sets += 1;
    const paths: Record<string, string> = {};
    for (const [name, text] of Object.entries(files)) {
      paths[name] = join(dir, `${sets}-${name}`);
      await writeFile(paths[name], text);
    }
    return paths;
  }

  const manifest = (...entries: string[]) => ['propertyName,value', ...entries].join('\r\n') + '\r\n';
  const RESULTS_12 = 'sourcedId,status,dateLastModified,lineItemSourcedId,studentSourcedId,classSourcedId,scoreStatus,score,textScore,scoreDate\r\n';
  const RESULTS_11 = 'sourcedId,status,dateLastModified,lineItemSourcedId,studentSourcedId,scoreStatus,score,scoreDate,comment\r\n';

  it('reads the version and each file\'s mode, leaving out files listed as absent', async () => {
    const files = await set({
      'manifest.csv': manifest('oneroster.version,1.2', 'file.results,delta', 'file.lineItems,bulk', 'file.users,absent'),
      'results.csv': RESULTS_12,
      'lineItems.csv': 'sourcedId\r\n',
      'users.csv': 'sourcedId\r\n',
    });

    const info = await readBundleInfo(fileSource(files));

    expect(info.version).toBe('1.2');
    expect([...info.modes]).toEqual([['results.csv', 'delta'], ['lineItems.csv', 'bulk']]);
  });

  it('refuses a file the manifest lists but the set lacks, and an unknown mode', async () => {
    const missing = await set({ 'manifest.csv': manifest('file.results,bulk', 'file.orgs,bulk'), 'results.csv': RESULTS_12 });
    const unknown = await set({ 'manifest.csv': manifest('file.results,full'), 'results.csv': RESULTS_12 });

    await expect(readBundleInfo(fileSource(missing))).rejects.toMatchObject({ code: 'missing-file', file: 'orgs.csv' });
    await expect(readBundleInfo(fileSource(unknown))).rejects.toBeInstanceOf(ImportFileError);
    await expect(readBundleInfo(fileSource(unknown))).rejects.toMatchObject({ code: 'manifest', message: expect.stringContaining('use bulk, delta or absent') });
  });

  it('tells 1.1 from 1.2 by the headers when there is no manifest', async () => {
    const v11 = await set({ 'results.csv': RESULTS_11, 'users.csv': 'sourcedId,orgSourcedIds,role\r\n' });
    const v12 = await set({ 'results.csv': `\ufeff${RESULTS_12}` });

    await expect(readBundleInfo(fileSource(v11))).resolves.toMatchObject({ version: '1.1' });
    await expect(readBundleInfo(fileSource(v12))).resolves.toMatchObject({ version: '1.2' });
  });
});
