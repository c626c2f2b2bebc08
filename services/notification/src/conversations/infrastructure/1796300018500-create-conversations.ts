import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Case threads: who is in each case as its events said (the student and the current mentor), and
 * the messages they wrote, from the console or by replying to an email. An emailed reply is kept
 * once per Message-ID, whatever the retries of the sending server.
 */
export class CreateConversations1796300018500 implements MigrationInterface {
  name = 'CreateConversations1796300018500';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE conversation_cases (
        case_id text PRIMARY KEY,
        student_id text NOT NULL,
        mentor_id text,
        program text NOT NULL,
        closed boolean NOT NULL DEFAULT false,
        event_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE conversation_messages (
        id uuid PRIMARY KEY,
        case_id text NOT NULL REFERENCES conversation_cases (case_id),
        author_id text NOT NULL,
        author_role text NOT NULL CHECK (author_role IN ('student', 'mentor')),
        body text NOT NULL,
        via text NOT NULL CHECK (via IN ('console', 'email')),
        inbound_message_id text UNIQUE,
        created_at timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX conversation_messages_case ON conversation_messages (case_id, created_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE conversation_messages');
    await queryRunner.query('DROP TABLE conversation_cases');
  }
}
