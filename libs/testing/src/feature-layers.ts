import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

export interface FeatureLayers {
  /** The service's name, for the test titles. */
  service: string;
  /** The service's `src` folder. */
  root: string;
  /**
   * The features, lowest first: each may import only those before it, so the import graph between
   * features stays acyclic and one-directional. A feature that needs something done above it
   * declares an abstract port the composition root (app.module) fills.
   */
  layers: readonly string[];
  /** Files besides `<feature>/infrastructure/<feature>.store.ts` allowed to reach tables, with the reason beside them. */
  otherStores?: readonly string[];
}

// Reading or writing a table: raw SQL, query builders, repositories or the entity manager's CRUD.
const TABLE_ACCESS = /\.query\(|createQueryBuilder\(|getRepository\(|InjectRepository\(|\bmanager\.(find\w*|insert|update|upsert|delete|save|count|exists)\(/;
// Only a feature's store touches its tables (migrations create them).
const STORE_FILE = /^([\w-]+)\/infrastructure\/\1\.store\.ts$/;
const MIGRATION_FILE = /\/infrastructure\/\d+-[\w-]+\.ts$/;

/** Declares the tests that keep a service's features layered and each table behind its feature's store. */
export function describeFeatureLayers({ service, root, layers, otherStores = [] }: FeatureLayers): void {
  const files = sourceFiles(root).map((file) => relative(root, file).split(sep).join('/'));
  const featureOf = (file: string): string | null => (file.includes('/') && !file.startsWith('..') ? file.split('/')[0] : null);

  // `../cases` names the feature's index; `../main` a file at the root, which no feature owns.
  const importedFeature = (path: string): string | null => {
    const target = existsSync(path) && statSync(path).isDirectory() ? join(path, 'index.ts') : path;
    return featureOf(relative(root, target).split(sep).join('/'));
  };

  const featureImports = files.flatMap((file) => {
    const from = featureOf(file);
    if (!from) return [];
    const specifiers = [...readFileSync(join(root, file), 'utf8').matchAll(/from\s+'(\.[^']+)'/g)].map((match) => match[1]);
    return specifiers.flatMap((specifier) => {
      const to = importedFeature(resolve(dirname(join(root, file)), specifier));
      return to && to !== from ? [{ file, to, specifier, from }] : [];
    });
  });

  describe(`features of ${service}`, () => {
    it('are all placed in a layer', () => {
      const features = new Set(files.map(featureOf).filter((feature): feature is string => feature !== null));
      expect([...features].filter((feature) => !layers.includes(feature))).toEqual([]);
    });

    it('import only features below them, never their infrastructure', () => {
      expect(featureImports.filter(({ from, to }) => layers.indexOf(to) >= layers.indexOf(from))).toEqual([]);
      expect(featureImports.filter(({ specifier }) => specifier.split('/').includes('infrastructure'))).toEqual([]);
    });

    it('reach tables only through the owning feature store', () => {
      const outsideStores = files
        .filter((file) => !STORE_FILE.test(file) && !otherStores.includes(file) && !MIGRATION_FILE.test(file))
        .filter((file) => TABLE_ACCESS.test(readFileSync(join(root, file), 'utf8')));
      expect(outsideStores).toEqual([]);
    });
  });
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}
