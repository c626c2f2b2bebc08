import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

// No Docker engine runs here, so the compose file is checked by reading: it parses, every
// service of the platform is in it with its own database, and every dependency names a service.
const repoRoot = path.resolve(__dirname, '../..');
const compose = parse(fs.readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8'), { merge: true });
const platformServices = fs
  .readdirSync(path.join(repoRoot, 'services'))
  .filter((name) => fs.existsSync(path.join(repoRoot, 'services', name, 'project.json')));

describe('docker-compose.yml', () => {
  it('runs a three-node KRaft Kafka cluster, PostgreSQL and an SMTP catcher', () => {
    for (const name of ['kafka-1', 'kafka-2', 'kafka-3']) {
      expect(compose.services[name].image).toMatch(/^apache\/kafka:3\.9\./);
      expect(compose.services[name].environment.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    }
    expect(compose.services.postgres.image).toMatch(/^postgres:/);
    expect(compose.services.smtp.command.join(' ')).toContain('infra/smtp/catcher.mjs');
  });

  it.each(platformServices)('runs %s with its own database and the cluster', (name) => {
    const service = compose.services[name];
    expect(service).toBeDefined();
    expect(service.build.args.SERVICE).toBe(name);
    expect(service.environment.DATABASE_URL).toMatch(new RegExp(`^postgres://postgres@postgres:5432/${name.replace(/-/g, '_')}$`));
    expect(service.environment.KAFKA_BROKERS).toBe('kafka-1:9092,kafka-2:9092,kafka-3:9092');
    expect(service.ports).toEqual([`${service.environment.PORT}:${service.environment.PORT}`]);
  });

  it('only depends on services it defines', () => {
    for (const [name, service] of Object.entries<{ depends_on?: Record<string, unknown> }>(compose.services)) {
      for (const dependency of Object.keys(service.depends_on ?? {})) {
        expect({ name, dependency, defined: dependency in compose.services }).toMatchObject({ defined: true });
      }
    }
  });

  it('builds from a Dockerfile that runs the chosen service', () => {
    const dockerfile = fs.readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain('services/${SERVICE}/src/main.ts');
  });
});
