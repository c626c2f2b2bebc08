import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * The features of this service, lowest first: each may import only those before it, so the
 * import graph between features stays acyclic and one-directional.
 */
const LAYERS = ['config', 'accounts', 'service-api', 'web', 'sign-in', 'coordinator', 'mentor', 'ops', 'student-links'];

// Reading or writing a table: raw SQL, query builders, repositories or the entity manager's CRUD.
const TABLE_ACCESS = /\.query\(|createQueryBuilder\(|getRepository\(|InjectRepository\(|\bmanager\.(find\w*|insert|update|upsert|delete|save|count|exists)\(/;
// Only a feature's store touches its tables (migrations create them).
const STORE_FILE = /^([\w-]+)\/infrastructure\/\1\.store\.ts$/;
// Sign-in limits are rate-limiter-flexible's own table, kept by that library through this adapter.
const OTHER_STORES = ['accounts/infrastructure/sign-in-limits.store.ts'];
const root = __dirname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

function featureOf(path: string): string | null {
  const parts = relative(root, path).split(sep);
  return parts.length > 1 ? parts[0] : null;
}

function featureImports(): Array<{ file: string; from: string; to: string; specifier: string }> {
  return sourceFiles(root).flatMap((file) => {
    const from = featureOf(file);
    if (!from) return [];
    const specifiers = [...readFileSync(file, 'utf8').matchAll(/from\s+'(\.[^']+)'/g)].map((match) => match[1]);
    return specifiers.flatMap((specifier) => {
      const to = featureOf(resolve(dirname(file), specifier));
      return to && to !== from ? [{ file: relative(root, file).split(sep).join('/'), from, to, specifier }] : [];
    });
  });
}

describe('features of console', () => {
  it('are all placed in a layer', () => {
    const features = new Set(sourceFiles(root).map(featureOf).filter((feature): feature is string => feature !== null));
    expect([...features].filter((feature) => !LAYERS.includes(feature))).toEqual([]);
  });

  it('import only features below them, never their infrastructure', () => {
    const upward = featureImports().filter(({ from, to }) => LAYERS.indexOf(to) >= LAYERS.indexOf(from));
    expect(upward).toEqual([]);
    expect(featureImports().filter(({ specifier }) => specifier.split('/').includes('infrastructure'))).toEqual([]);
  });

  it('reach tables only through the owning feature store', () => {
    const outsideStores = sourceFiles(root)
      .map((file) => relative(root, file).split(sep).join('/'))
      .filter((file) => !STORE_FILE.test(file) && !OTHER_STORES.includes(file) && !/\/infrastructure\/\d+-[\w-]+\.ts$/.test(file))
      .filter((file) => TABLE_ACCESS.test(readFileSync(join(root, file), 'utf8')));
    expect(outsideStores).toEqual([]);
  });
});
