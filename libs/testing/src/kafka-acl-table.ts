import fs from 'node:fs';
import path from 'node:path';

/** One row of infra/kafka/acl-table.txt: a topic, the principals that alone may write it, and those that read it. */
export interface KafkaAclRow {
  topic: string;
  owners: string[];
  consumers: string[];
}

const ACL_TABLE = path.resolve(__dirname, '../../../infra/kafka/acl-table.txt');

/** The ACL table compose's kafka-init applies, as the tests that check those grants read it. */
export function kafkaAclTable(): KafkaAclRow[] {
  return fs
    .readFileSync(ACL_TABLE, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [topic, owners, consumers] = line.split(/\s+/);
      return { topic, owners: owners.split(','), consumers: consumers === '-' ? [] : consumers.split(',') };
    });
}
