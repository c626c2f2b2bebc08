import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { kafkaAclTable } from '@mentoring/testing';
import { parse } from 'yaml';

// No Docker engine runs here, so the compose file is checked by reading: it parses, every
// service of the platform is in it with its own database, every secret is required, nothing but
// the console is published, and Kafka authenticates every listener and grants each topic's
// writes to its owner only.
const repoRoot = path.resolve(__dirname, '../..');
const composeText = fs.readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8');
const compose = parse(composeText, { merge: true });
const localOverride = parse(fs.readFileSync(path.join(repoRoot, 'docker-compose.local.yml'), 'utf8'));
const platformServices = fs
  .readdirSync(path.join(repoRoot, 'services'))
  .filter((name) => fs.existsSync(path.join(repoRoot, 'services', name, 'project.json')));
const kafkaServices = platformServices.filter((name) => name !== 'console');
const kafkaNodes = ['kafka-1', 'kafka-2', 'kafka-3'];

type ComposeService = { environment?: Record<string, unknown>; ports?: unknown[]; depends_on?: Record<string, unknown>; [key: string]: unknown };
const services = compose.services as Record<string, ComposeService>;

/** `${NAME:?message}`: compose refuses to start while NAME is unset or empty. */
const REQUIRED = /^\$\{([A-Z0-9_]+):\?[^}]+\}$/;
const requiredVariable = (value: unknown) => (typeof value === 'string' ? REQUIRED.exec(value)?.[1] : undefined);

/** What compose's kafka-init grants, from the script itself: principal, operation and resource of each ACL. */
function kafkaInitGrants() {
  const printed = execFileSync('sh', [path.join(repoRoot, 'infra/kafka/compose/kafka-init.sh'), '--print-acls'], { encoding: 'utf8' });
  return printed
    .trim()
    .split('\n')
    .map((line) => {
      const words = line.split(/\s+/);
      const value = (flag: string) => (words.includes(flag) ? words[words.indexOf(flag) + 1] : undefined);
      return { principal: value('--allow-principal'), operation: value('--operation'), topic: value('--topic'), group: value('--group') };
    });
}

function propertiesOfStartNode(): Map<string, string> {
  const script = fs.readFileSync(path.join(repoRoot, 'infra/kafka/compose/start-node.sh'), 'utf8');
  const heredoc = /cat > "\$CONFIG" <<PROPERTIES\n([\s\S]*?)\nPROPERTIES/.exec(script);
  if (!heredoc) throw new Error('start-node.sh no longer writes server.properties from a heredoc');
  return new Map(heredoc[1].split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

describe('docker-compose.yml', () => {
  it('runs a three-node KRaft Kafka cluster, PostgreSQL and an SMTP catcher', () => {
    for (const name of kafkaNodes) {
      expect(services[name].image).toMatch(/^apache\/kafka:3\.9\./);
      expect(services[name].entrypoint).toEqual(['sh', '/mentoring-kafka/compose/start-node.sh']);
    }
    expect(propertiesOfStartNode().get('process.roles')).toBe('broker,controller');
    expect(services.postgres.image).toMatch(/^postgres:/);
    expect((services.smtp.command as string[]).join(' ')).toContain('infra/smtp/catcher.mjs');
  });

  it.each(platformServices)('runs %s with its own database, listening inside the network', (name) => {
    const service = services[name];
    expect(service).toBeDefined();
    expect((service.build as { args: { SERVICE: string } }).args.SERVICE).toBe(name);
    expect(service.environment?.DATABASE_URL).toBe(`postgres://postgres:\${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}@postgres:5432/${name.replace(/-/g, '_')}`);
    expect(service.environment?.HOST).toBe('0.0.0.0');
    expect(service.environment).not.toHaveProperty('MENTORING_DEV_MODE');
  });

  it.each(kafkaServices)('connects %s to the cluster as its own SCRAM principal, with a required password', (name) => {
    const environment = services[name].environment ?? {};
    expect(environment.KAFKA_BROKERS).toBe('kafka-1:9092,kafka-2:9092,kafka-3:9092');
    expect(environment.KAFKA_SASL_MECHANISM).toBe('scram-sha-512');
    expect(environment.KAFKA_SASL_USERNAME).toBe(name);
    expect(requiredVariable(environment.KAFKA_SASL_PASSWORD)).toBe(`KAFKA_PASSWORD_${name.toUpperCase().replace(/-/g, '_')}`);
  });

  it('requires every secret rather than falling back to a default', () => {
    const required = (service: string, variable: string) => requiredVariable(services[service].environment?.[variable]);
    for (const name of kafkaServices) {
      expect(required(name, 'AUTH_JWT_SECRET')).toBe('AUTH_JWT_SECRET');
      expect(required(name, 'AUTH_CONSOLE_PUBLIC_KEY')).toBe('AUTH_CONSOLE_PUBLIC_KEY');
    }
    expect(required('notification', 'LINK_SECRET')).toBe('LINK_SECRET');
    expect(required('console', 'CONSOLE_SIGNING_KEY')).toBe('CONSOLE_SIGNING_KEY');
    expect(services.console.environment).not.toHaveProperty('AUTH_JWT_SECRET');
    expect(required('postgres', 'POSTGRES_PASSWORD')).toBe('POSTGRES_PASSWORD');
    expect(services.postgres.environment).not.toHaveProperty('POSTGRES_HOST_AUTH_METHOD');
    for (const node of kafkaNodes) expect(required(node, 'KAFKA_ADMIN_PASSWORD')).toBe('KAFKA_ADMIN_PASSWORD');
    for (const principal of new Set(kafkaAclTable().flatMap((row) => [...row.owners, ...row.consumers]))) {
      const variable = `KAFKA_PASSWORD_${principal.toUpperCase().replace(/-/g, '_')}`;
      expect(required('kafka-init', variable)).toBe(variable);
    }
    // Any other mention of a secret variable anywhere in the file must be a required one too.
    for (const [, variable, operator] of composeText.matchAll(/\$\{([A-Z0-9_]*(?:SECRET|PASSWORD|KEY)[A-Z0-9_]*)(:?[?-])?/g)) {
      expect({ variable, operator }).toEqual({ variable, operator: ':?' });
    }
  });

  it('publishes only the console; the database and the mail catcher stay inside unless the local override asks', () => {
    const published = Object.entries(services)
      .filter(([, service]) => service.ports !== undefined || service.network_mode === 'host')
      .map(([name]) => name);
    expect(published).toEqual(['console']);
    expect(services.console.ports).toEqual(['3000:3000']);
    expect(localOverride.services.postgres.ports).toEqual(['127.0.0.1:5432:5432']);
    expect(localOverride.services.smtp.ports).toEqual(['127.0.0.1:1080:1080']);
  });

  it('authenticates every Kafka listener with SASL and refuses whatever no ACL allows', () => {
    const properties = propertiesOfStartNode();
    const protocols = new Map((properties.get('listener.security.protocol.map') ?? '').split(',').map((entry) => entry.split(':') as [string, string]));
    const listenerNames = (properties.get('listeners') ?? '').split(',').map((listener) => listener.slice(0, listener.indexOf(':')));
    expect(listenerNames.sort()).toEqual(['CONTROLLER', 'SASL_PLAINTEXT']);
    for (const name of listenerNames) expect(protocols.get(name)).toMatch(/^SASL_(PLAINTEXT|SSL)$/);
    expect(protocols.get(properties.get('inter.broker.listener.name') ?? '')).toMatch(/^SASL_/);
    expect(properties.get('sasl.enabled.mechanisms')).toBe('SCRAM-SHA-256,SCRAM-SHA-512');
    expect(properties.get('sasl.mechanism.inter.broker.protocol')).toBe('SCRAM-SHA-512');
    expect(properties.get('authorizer.class.name')).toBe('org.apache.kafka.metadata.authorizer.StandardAuthorizer');
    expect(properties.get('allow.everyone.if.no.acl.found')).toBe('false');
    expect(properties.get('super.users')).toBe('User:admin');
    expect(properties.get('auto.create.topics.enable')).toBe('false');
  });

  it("grants each topic's WRITE to its owners only, dead-letter topics to its consumers, and consumer groups to their service", () => {
    const grants = kafkaInitGrants();
    const writers = (topic: string) => grants.filter((grant) => grant.topic === topic && grant.operation === 'Write').map((grant) => grant.principal);
    const readers = (topic: string) => grants.filter((grant) => grant.topic === topic && grant.operation === 'Read').map((grant) => grant.principal);
    const table = kafkaAclTable();

    expect(table.map((row) => [row.topic, row.owners])).toEqual([
      ['registrar.grades.submitted.v1', ['registrar']],
      ['grades.recorded.v1', ['grade-ingest']],
      ['risk.assessed.v1', ['risk-scoring']],
      ['mentoring.case-events.v1', ['mentor-matching']],
      ['notifications.dispatched.v1', ['notification']],
      // Names and emails come from the SIS through a OneRoster import and from REST student imports.
      ['students.directory-updated.v1', ['grade-ingest', 'mentor-matching']],
    ]);
    for (const row of table) {
      expect(writers(row.topic).sort()).toEqual(row.owners.map((owner) => `User:${owner}`).sort());
      expect(readers(row.topic).sort()).toEqual(row.consumers.map((consumer) => `User:${consumer}`).sort());
      expect(writers(`${row.topic}.dlq`).sort()).toEqual(row.consumers.map((consumer) => `User:${consumer}`).sort());
    }
    for (const grant of grants.filter((candidate) => candidate.group !== undefined)) {
      expect(grant).toEqual({ principal: `User:${grant.group}`, operation: 'Read', topic: undefined, group: grant.group });
    }
    expect(grants.every((grant) => ['Read', 'Write'].includes(grant.operation ?? ''))).toBe(true);
  });

  it('creates the SCRAM users, topics and ACLs once the cluster is healthy, before any service starts', () => {
    expect(services['kafka-init'].entrypoint).toEqual(['sh', '/mentoring-kafka/compose/kafka-init.sh']);
    for (const node of kafkaNodes) expect(services['kafka-init'].depends_on?.[node]).toEqual({ condition: 'service_healthy' });
    for (const name of kafkaServices) expect(services[name].depends_on?.['kafka-init']).toEqual({ condition: 'service_completed_successfully' });
  });

  it('only depends on services it defines', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const dependency of Object.keys(service.depends_on ?? {})) {
        expect({ name, dependency, defined: dependency in services }).toMatchObject({ defined: true });
      }
    }
  });

  it('builds from a Dockerfile that runs the chosen service, without development mode', () => {
    const dockerfile = fs.readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain('services/${SERVICE}/src/main.ts');
    expect(dockerfile).not.toContain('MENTORING_DEV_MODE');
  });
});
