import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadKafkaConnection } from '@mentoring/config';
import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, Consumer, Kafka, Producer, ResourcePatternTypes } from 'kafkajs';
import { kafkaAclTable } from '@mentoring/testing';
import { createKafka } from '../src';

// A broker of its own (the infra/kafka jars on free ports, never the shared one) that only speaks
// SASL with SCRAM and checks ACLs, set up with the ACLs docker-compose's kafka-init grants.
const repoRoot = path.resolve(__dirname, '../../..');
const FIXTURE = path.join(__dirname, 'fixtures/secured-broker.mjs');
const KAFKA_INIT = path.join(repoRoot, 'infra/kafka/compose/kafka-init.sh');
const run = promisify(execFile);

/** The grants kafka-init.sh makes, as kafkajs ACL entries: read from the script itself, so both apply the same rules. */
function grantsOfKafkaInit() {
  const lines = execFileSync('sh', [KAFKA_INIT, '--print-acls'], { encoding: 'utf8' }).trim().split('\n');
  return lines.map((line) => {
    const words = line.split(/\s+/);
    const value = (flag: string) => words[words.indexOf(flag) + 1];
    const operation = { Read: AclOperationTypes.READ, Write: AclOperationTypes.WRITE }[value('--operation')];
    if (operation === undefined) throw new Error(`kafka-init grants an operation this test does not map: ${line}`);
    const group = words.includes('--group');
    return {
      resourceType: group ? AclResourceTypes.GROUP : AclResourceTypes.TOPIC,
      resourceName: value(group ? '--group' : '--topic'),
      resourcePatternType: ResourcePatternTypes.LITERAL,
      principal: value('--allow-principal'),
      host: '*',
      operation,
      permissionType: AclPermissionTypes.ALLOW,
    };
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const secret = () => randomBytes(18).toString('base64url');

/** A throw-away CA and a broker certificate for 127.0.0.1 signed by it, with openssl. */
function issueBrokerCertificate(dir: string): { ca: string; keystore: string } {
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl('req', '-x509', ...ec, '-keyout', file('ca.key'), '-out', file('ca.pem'), '-days', '2', '-subj', '/CN=mentoring test CA');
  openssl('req', ...ec, '-keyout', file('broker.key'), '-out', file('broker.csr'), '-subj', '/CN=127.0.0.1');
  fs.writeFileSync(file('broker.ext'), 'subjectAltName=IP:127.0.0.1\n');
  openssl('x509', '-req', '-in', file('broker.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial', '-out', file('broker.pem'), '-days', '2', '-extfile', file('broker.ext'));
  fs.writeFileSync(file('broker-keystore.pem'), fs.readFileSync(file('broker.key'), 'utf8') + fs.readFileSync(file('broker.pem'), 'utf8'));
  return { ca: file('ca.pem'), keystore: file('broker-keystore.pem') };
}
const logger = { error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined };

describe('Kafka with SASL (SCRAM) and ACLs', () => {
  const table = kafkaAclTable();
  const principals = [...new Set(table.flatMap((row) => [...row.owners, ...row.consumers]))];
  const passwords = new Map(principals.map((name) => [name, secret()]));
  const superUser = { name: 'admin', password: secret() };
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'secured-kafka-'));
  let brokerOptions: string;
  let brokers: string;
  let tlsBrokers: string;
  let caFile: string;
  const cleanups: Array<() => Promise<unknown>> = [];

  /** A client made the way every service makes one: environment -> validated config -> createKafka. */
  function clientAs(username: string, password: string, mechanism = 'scram-sha-512', tls: NodeJS.ProcessEnv = {}): Kafka {
    const connection = loadKafkaConnection({
      KAFKA_BROKERS: tls.KAFKA_SSL ? tlsBrokers : brokers,
      KAFKA_SASL_MECHANISM: mechanism,
      KAFKA_SASL_USERNAME: username,
      KAFKA_SASL_PASSWORD: password,
      ...tls,
    });
    return createKafka({ connection, clientId: `security-test-${username}`, logger });
  }

  async function connectedProducer(kafka: Kafka): Promise<Producer> {
    // Idempotent with one request in flight, exactly as the outbox relay produces.
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, retry: { retries: 1 } });
    await producer.connect();
    cleanups.push(() => producer.disconnect());
    return producer;
  }

  beforeAll(async () => {
    const [port, controllerPort, tlsPort] = [await freePort(), await freePort(), await freePort()];
    brokers = `127.0.0.1:${port}`;
    tlsBrokers = `127.0.0.1:${tlsPort}`;
    const { ca, keystore } = issueBrokerCertificate(stateDir);
    caFile = ca;
    brokerOptions = JSON.stringify({
      port,
      controllerPort,
      stateDir,
      security: { superUser, users: principals.map((name) => ({ name, password: passwords.get(name) })), tls: { port: tlsPort, keystoreFile: keystore } },
    });
    await run(process.execPath, [FIXTURE, 'start', brokerOptions], { timeout: 180_000 });

    // What kafka-init does on the compose cluster: topics and dead-letter topics, then the ACLs.
    const admin = clientAs(superUser.name, superUser.password).admin();
    await admin.connect();
    try {
      const topics = table.flatMap((row) => [row.topic, ...(row.consumers.length > 0 ? [`${row.topic}.dlq`] : [])]);
      await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions: 1, replicationFactor: 1 })), waitForLeaders: true });
      await admin.createAcls({ acl: grantsOfKafkaInit() });
    } finally {
      await admin.disconnect();
    }
  }, 240_000);

  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup().catch(() => undefined)));
  });

  afterAll(async () => {
    await run(process.execPath, [FIXTURE, 'stop', brokerOptions], { timeout: 60_000 }).catch(() => undefined);
    fs.rmSync(stateDir, { recursive: true, force: true });
  }, 90_000);

  it('lets a topic owner with the right credentials produce, and its consumer read, through createKafka', async () => {
    const producer = await connectedProducer(clientAs('grade-ingest', passwords.get('grade-ingest') as string));
    await producer.send({ topic: 'grades.recorded.v1', messages: [{ key: 's-1', value: 'recorded' }] });

    const consumer: Consumer = clientAs('risk-scoring', passwords.get('risk-scoring') as string, 'scram-sha-256').consumer({ groupId: 'risk-scoring' });
    cleanups.push(() => consumer.disconnect());
    await consumer.connect();
    await consumer.subscribe({ topic: 'grades.recorded.v1', fromBeginning: true });
    const received = await new Promise<string>((resolve) => {
      void consumer.run({ eachMessage: async ({ message }) => resolve(String(message.value)) });
    });

    expect(received).toBe('recorded');
  });

  it('produces over TLS with SCRAM when the client trusts the CA it is given (KAFKA_SSL_CA_FILE)', async () => {
    const kafka = clientAs('grade-ingest', passwords.get('grade-ingest') as string, 'scram-sha-512', { KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: caFile });
    const producer = await connectedProducer(kafka);

    await expect(producer.send({ topic: 'grades.recorded.v1', messages: [{ key: 's-2', value: 'over TLS' }] })).resolves.toHaveLength(1);
  });

  it("refuses TLS to a broker whose certificate the client's CAs did not sign", async () => {
    const admin = clientAs('grade-ingest', passwords.get('grade-ingest') as string, 'scram-sha-512', { KAFKA_SSL: 'true' }).admin({ retry: { retries: 0 } });
    cleanups.push(() => admin.disconnect());

    await expect(admin.connect()).rejects.toThrow(/certificate/);
  });

  it('refuses a wrong password', async () => {
    const admin = clientAs('notification', 'not-the-password').admin();
    cleanups.push(() => admin.disconnect());

    await expect(admin.connect()).rejects.toMatchObject({ name: 'KafkaJSSASLAuthenticationError' });
  });

  it('refuses an unknown user', async () => {
    const admin = clientAs('mallory', secret()).admin();
    cleanups.push(() => admin.disconnect());

    await expect(admin.connect()).rejects.toMatchObject({ name: 'KafkaJSSASLAuthenticationError' });
  });

  it.each(table.map((row) => [row.topic, row.owners.join(', '), row.owners] as const))('lets no principal but its owners write %s (owners %s)', async (topic, _names, owners) => {
    for (const principal of principals.filter((name) => !owners.includes(name))) {
      const producer = await connectedProducer(clientAs(principal, passwords.get(principal) as string));
      await expect(producer.send({ topic, messages: [{ key: 's-1', value: `forged by ${principal}` }] })).rejects.toThrow(/Topic authorization failed/);
    }
    for (const owner of owners) {
      const producer = await connectedProducer(clientAs(owner, passwords.get(owner) as string));
      await expect(producer.send({ topic, messages: [{ key: 's-1', value: `from ${owner}` }] })).resolves.toHaveLength(1);
    }
  });

  it("refuses a consumer another service's topic and group", async () => {
    const consumer = clientAs('notification', passwords.get('notification') as string).consumer({ groupId: 'risk-scoring' });
    cleanups.push(() => consumer.disconnect());
    await consumer.connect();

    await expect(consumer.subscribe({ topic: 'grades.recorded.v1', fromBeginning: true })).rejects.toMatchObject({ type: 'TOPIC_AUTHORIZATION_FAILED' });
  });
});
