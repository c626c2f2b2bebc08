import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * The features of this service, lowest first: each may import only those before it, so the
 * import graph between features stays acyclic and one-directional. A feature that needs
 * something done above it declares an abstract port the composition root (app.module) fills.
 */
const LAYERS = ['shared', 'config', 'validation', 'bulk-import', 'mentors', 'students', 'timers', 'cases', 'matching'];

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

// `../cases` names the feature's index; `../clock` a file at the root, which no feature owns.
function importedFeature(path: string): string | null {
  if (existsSync(path) && statSync(path).isDirectory()) return featureOf(join(path, 'index.ts'));
  return featureOf(path);
}

function featureImports(): Array<{ file: string; from: string; to: string }> {
  return sourceFiles(root).flatMap((file) => {
    const from = featureOf(file);
    if (!from) return [];
    const specifiers = [...readFileSync(file, 'utf8').matchAll(/from\s+'(\.[^']+)'/g)].map((match) => match[1]);
    return specifiers.flatMap((specifier) => {
      const to = importedFeature(resolve(dirname(file), specifier));
      return to && to !== from ? [{ file: relative(root, file), from, to }] : [];
    });
  });
}

describe('features of mentor-matching', () => {
  it('are all placed in a layer', () => {
    const features = new Set(sourceFiles(root).map(featureOf).filter((feature): feature is string => feature !== null));
    expect([...features].filter((feature) => !LAYERS.includes(feature))).toEqual([]);
  });

  it('import only features below them', () => {
    const upward = featureImports().filter(({ from, to }) => LAYERS.indexOf(to) >= LAYERS.indexOf(from));
    expect(upward).toEqual([]);
  });
});
