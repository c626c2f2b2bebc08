import { createEnvelope } from '@mentoring/contracts';
import { EntityManager } from 'typeorm';
import { TopicResolver } from '../kafka/topics';
import { OutboxWriter } from './outbox-writer';

function fakeTransaction(): { manager: EntityManager; statements: string[] } {
  const statements: string[] = [];
  const manager = {
    queryRunner: { isTransactionActive: true },
    query: async (sql: string) => {
      statements.push(sql.trim().split(/\s+/, 2).join(' '));
      return [];
    },
  } as unknown as EntityManager;
  return { manager, statements };
}

const envelope = () => createEnvelope({ type: 'testing.counter.v1', source: 'test', subject: 'student-1', data: { n: 1 } });

describe('OutboxWriter', () => {
  const writer = new OutboxWriter(new TopicResolver(undefined), 'test');

  it('asks for one relay wake-up per transaction, however many appends a batch of handlers makes', async () => {
    const { manager, statements } = fakeTransaction();
    await writer.append(manager, 'testing.counters.v1', [envelope()]);
    await writer.append(manager, 'testing.counters.v1', [envelope()]);
    expect(statements).toEqual(['INSERT INTO', "SELECT pg_notify('outbox_wakeup',", 'INSERT INTO']);
  });

  it('asks again in the next transaction', async () => {
    const first = fakeTransaction();
    const second = fakeTransaction();
    await writer.append(first.manager, 'testing.counters.v1', [envelope()]);
    await writer.append(second.manager, 'testing.counters.v1', [envelope()]);
    expect(second.statements).toContain("SELECT pg_notify('outbox_wakeup',");
  });
});
