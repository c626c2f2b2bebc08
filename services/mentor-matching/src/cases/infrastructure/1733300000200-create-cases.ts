import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCases1733300000200 implements MigrationInterface {
  name = 'CreateCases1733300000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE cases (
        id uuid PRIMARY KEY,
        student_id text NOT NULL REFERENCES students (id),
        status text NOT NULL CHECK (status IN ('open', 'waitlisted', 'matched', 'active', 'closed')),
        phase text NOT NULL CHECK (phase IN ('ice-breaking', 'structured-engagement', 'self-directed')),
        mentor_id text REFERENCES mentors (id),
        previous_mentor_id text,
        mentors_who_left jsonb NOT NULL DEFAULT '[]'::jsonb,
        flagged_at timestamptz NOT NULL,
        opened_at timestamptz NOT NULL,
        matched_at timestamptz,
        sla_reminder_at timestamptz,
        sla_deadline timestamptz,
        reminder_sent_at timestamptz,
        accepted_at timestamptz,
        first_contact_at timestamptz,
        first_meeting_at timestamptz,
        last_meeting_at timestamptz,
        proposed_slots jsonb NOT NULL DEFAULT '[]'::jsonb,
        confirmed_slot jsonb,
        consecutive_missed int NOT NULL DEFAULT 0,
        cadence_days_override int,
        outcome text,
        closed_at timestamptz,
        program text NOT NULL,
        year_of_study int NOT NULL,
        risk_level text NOT NULL,
        risk_reasons jsonb NOT NULL,
        weak_courses jsonb NOT NULL,
        trigger_event_id text NOT NULL,
        correlation_id text NOT NULL,
        match_requested_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One open case per student, whatever the redelivery, the replica or the race.
    await queryRunner.query(`CREATE UNIQUE INDEX cases_one_open_per_student ON cases (student_id) WHERE status <> 'closed'`);
    await queryRunner.query(`CREATE INDEX cases_student_idx ON cases (student_id, opened_at)`);
    await queryRunner.query(`CREATE INDEX cases_mentor_idx ON cases (mentor_id, status)`);
    await queryRunner.query(`CREATE INDEX cases_status_idx ON cases (status, opened_at)`);
    await queryRunner.query(`CREATE INDEX cases_match_queue_idx ON cases (match_requested_at) WHERE match_requested_at IS NOT NULL`);

    await queryRunner.query(`
      CREATE TABLE case_history (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases (id),
        kind text NOT NULL,
        occurred_at timestamptz NOT NULL,
        event_id uuid UNIQUE,
        correlation_id text NOT NULL,
        actor text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await queryRunner.query(`CREATE INDEX case_history_case_idx ON case_history (case_id, id)`);

    await queryRunner.query(`
      CREATE TABLE case_offers (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases (id),
        mentor_id text NOT NULL REFERENCES mentors (id),
        offered_at timestamptz NOT NULL,
        responded_at timestamptz,
        response text CHECK (response IN ('accepted', 'declined', 'expired', 'withdrawn'))
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX case_offers_one_pending ON case_offers (case_id) WHERE response IS NULL`);
    await queryRunner.query(`CREATE INDEX case_offers_mentor_idx ON case_offers (mentor_id, offered_at)`);

    await queryRunner.query(`
      CREATE TABLE case_sessions (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases (id),
        mentor_id text,
        outcome text NOT NULL CHECK (outcome IN ('attended', 'missed', 'cancelled')),
        occurred_at timestamptz NOT NULL,
        notes text,
        logged_by text NOT NULL,
        logged_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX case_sessions_case_idx ON case_sessions (case_id, occurred_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE case_sessions');
    await queryRunner.query('DROP TABLE case_offers');
    await queryRunner.query('DROP TABLE case_history');
    await queryRunner.query('DROP TABLE cases');
  }
}
