import path from 'node:path';

// A service's features live in services/<service>/src/<feature>/. Each owns its tables through
// its infrastructure/ folder; other features reach them only through what the feature exports
// elsewhere (its ports), so a schema change stays inside one feature.
const FEATURE_FILE = /(?:^|\/)services\/([^/]+)\/src\/([^/]+)\/.+$/;

function featureOf(file) {
  const match = FEATURE_FILE.exec(file.split(path.sep).join('/'));
  return match ? { service: match[1], feature: match[2] } : undefined;
}

function isInfrastructurePathOf(file) {
  const segments = file.split(path.sep).join('/').split('/');
  const src = segments.lastIndexOf('src');
  return segments.slice(src + 2).includes('infrastructure');
}

const noForeignInfrastructure = {
  meta: {
    type: 'problem',
    docs: { description: "A feature does not import another feature's infrastructure/ folder." },
    messages: {
      foreign:
        "'{{source}}' is the infrastructure of feature '{{target}}'; '{{feature}}' may use it only through what '{{target}}' exports outside infrastructure/ (a port).",
    },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const importer = featureOf(file);
    if (!importer) return {};
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const resolved = path.resolve(path.dirname(file), source);
      const target = featureOf(resolved);
      if (!target || target.service !== importer.service || target.feature === importer.feature) return;
      if (!isInfrastructurePathOf(resolved)) return;
      context.report({ node: node.source, messageId: 'foreign', data: { source, target: target.feature, feature: importer.feature } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

export const featureBoundaries = { rules: { 'no-foreign-infrastructure': noForeignInfrastructure } };

/** Packages a feature's domain/ folder may not import: it is plain TypeScript, testable alone. */
export const DOMAIN_BANNED_IMPORTS = [
  { group: ['@nestjs/*'], message: 'domain/ is plain TypeScript: no Nest (put it in the feature module or infrastructure/).' },
  { group: ['typeorm', 'typeorm/*', 'pg', 'pg/*'], message: 'domain/ does not touch the database: SQL belongs in infrastructure/<feature>.store.ts.' },
  { group: ['kafkajs', 'kafkajs/*'], message: 'domain/ does not touch Kafka: events leave through the outbox in the feature service.' },
  {
    group: ['@mentoring/messaging', '@mentoring/persistence', '@mentoring/observability', '@mentoring/platform', '@mentoring/auth'],
    message: 'domain/ depends only on @mentoring/contracts, @mentoring/config types and its own feature.',
  },
];
