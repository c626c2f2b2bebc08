// `npm run ops -- <command>`: what an ops engineer asks of the running pipeline.
import { OpsClient, serviceEndpoints, ServiceEndpoint } from './ops-client';
import { DeadLetterPageReply, DeadLetterReply, RescoreJobReply, ReplayReply } from '@mentoring/contracts';
import { partitionLagOf, pipelineLoadOf } from '@mentoring/observability';

const USAGE = `usage: npm run ops -- <command>
  status                         readiness, outbox backlog, pending dead letters and lag per service
  lag                            consumer lag per group, topic and partition
  dlq list [service] [--all]     dead letters (pending unless --all)
  dlq replay <id> [service]      run a dead letter through its consumer again
  dlq discard <id> [service]     mark a dead letter as not to be replayed
  rescore <PROGRAM>              re-score every student of a programme under its current policy
options:
  --json                         print JSON instead of tables (for scripts)`;

const client = new OpsClient();
const services = serviceEndpoints();
const asJson = process.argv.includes('--json');

/** Prints rows as a table for people, or as JSON for scripts. */
function print(rows: unknown): void {
  if (asJson) console.log(JSON.stringify(rows, null, 2));
  else if (Array.isArray(rows)) console.table(rows);
  else console.log(JSON.stringify(rows, null, 2));
}

function pick(name: string | undefined): ServiceEndpoint[] {
  if (!name) return services;
  const found = services.find((service) => service.name === name);
  if (!found) throw new Error(`unknown service "${name}" (one of ${services.map((s) => s.name).join(', ')})`);
  return [found];
}

async function status(): Promise<void> {
  const rows = await Promise.all(
    services.map(async (service) => {
      const readiness = await client.readiness(service);
      if (readiness.state === 'unreachable') return { service: service.name, state: 'unreachable' };
      const load = pipelineLoadOf(await client.metrics(service));
      return {
        service: service.name,
        state: readiness.state + (readiness.failing.length ? ` (${readiness.failing.map((failure) => failure.check).join(', ')})` : ''),
        consumed: load.consumed,
        produced: load.produced,
        lag: load.lag,
        outboxBacklog: load.outboxBacklog,
        deadLettersPending: load.deadLettersPending,
      };
    }),
  );
  print(rows);
}

async function lag(): Promise<void> {
  const rows = [];
  for (const service of services) {
    const state = await client.readiness(service);
    if (state.state === 'unreachable') continue;
    rows.push(...partitionLagOf(await client.metrics(service)));
  }
  print(rows);
}

async function listDeadLetters(serviceName: string | undefined, all: boolean): Promise<void> {
  const rows = [];
  for (const service of pick(serviceName)) {
    if ((await client.readiness(service)).state === 'unreachable') continue;
    const page = await client.json(service, `/v1/ops/dead-letters${all ? '' : '?status=pending'}`, DeadLetterPageReply);
    for (const letter of page.items) {
      rows.push({
        service: service.name,
        id: letter.id,
        status: letter.status,
        reason: letter.reason,
        origin: `${letter.origin.topic}[${letter.origin.partition}]@${letter.origin.offset}`,
        error: letter.error.message.slice(0, 80),
        at: letter.createdAt,
      });
    }
  }
  print(rows);
}

/** Finds which service holds a dead letter when the caller did not say. */
async function ownerOf(id: string, serviceName: string | undefined): Promise<ServiceEndpoint> {
  for (const service of pick(serviceName)) {
    try {
      await client.json(service, `/v1/ops/dead-letters/${id}`, DeadLetterReply);
      return service;
    } catch {
      // not this service's
    }
  }
  throw new Error(`no service holds dead letter ${id}`);
}

async function actOnDeadLetter(action: 'replay' | 'discard', id: string | undefined, serviceName: string | undefined): Promise<void> {
  if (!id) throw new Error(`dlq ${action} needs a dead-letter id`);
  const service = await ownerOf(id, serviceName);
  print(await client.json(service, `/v1/ops/dead-letters/${id}/${action}`, action === 'replay' ? ReplayReply : DeadLetterReply, { method: 'POST' }));
}

async function rescore(program: string | undefined): Promise<void> {
  if (!program) throw new Error('rescore needs a programme code, e.g. MBBS');
  const [riskScoring] = pick('risk-scoring');
  print(await client.json(riskScoring, `/v1/policies/${encodeURIComponent(program)}/rescore`, RescoreJobReply, { method: 'POST' }));
}

async function main(args: string[]): Promise<void> {
  const [command, sub, ...rest] = args.filter((arg) => arg !== '--json');
  const positional = rest.filter((arg) => !arg.startsWith('--'));
  if (command === 'status') return status();
  if (command === 'lag') return lag();
  if (command === 'rescore') return rescore(sub);
  if (command === 'dlq' && sub === 'list') return listDeadLetters(positional[0], rest.includes('--all'));
  if (command === 'dlq' && (sub === 'replay' || sub === 'discard')) return actOnDeadLetter(sub, positional[0], positional[1]);
  console.error(USAGE);
  process.exitCode = 2;
}

main(process.argv.slice(2)).catch((error: Error) => {
  console.error(`ops: ${error.message}`);
  process.exitCode = 1;
});
