import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CaseMembership, ThreadRole } from '../domain';

export interface ThreadMessage {
  id: string;
  caseId: string;
  authorId: string;
  authorRole: ThreadRole;
  body: string;
  via: 'console' | 'email';
  createdAt: Date;
}

interface MembershipRow {
  case_id: string;
  student_id: string;
  mentor_id: string | null;
  program: string;
  closed: boolean;
}

interface MessageRow {
  id: string;
  case_id: string;
  author_id: string;
  author_role: ThreadRole;
  body: string;
  via: 'console' | 'email';
  created_at: Date;
}

const toMessage = (row: MessageRow): ThreadMessage => ({
  id: row.id,
  caseId: row.case_id,
  authorId: row.author_id,
  authorRole: row.author_role,
  body: row.body,
  via: row.via,
  createdAt: row.created_at,
});

/** The only SQL of conversation_cases and conversation_messages. */
@Injectable()
export class ConversationsStore {
  constructor(private readonly dataSource: DataSource) {}

  /** A case's members as of an event; an older event than the one recorded changes nothing. */
  async recordMembership(manager: EntityManager, membership: CaseMembership, eventAt: Date): Promise<void> {
    await manager.query(
      `INSERT INTO conversation_cases (case_id, student_id, mentor_id, program, closed, event_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (case_id) DO UPDATE SET student_id = EXCLUDED.student_id, mentor_id = EXCLUDED.mentor_id, program = EXCLUDED.program,
         closed = EXCLUDED.closed, event_at = EXCLUDED.event_at
       WHERE conversation_cases.event_at <= EXCLUDED.event_at`,
      [membership.caseId, membership.studentId, membership.mentorId, membership.program, membership.closed, eventAt],
    );
  }

  async membershipOf(manager: EntityManager, caseId: string): Promise<CaseMembership | null> {
    const [row]: MembershipRow[] = await manager.query('SELECT case_id, student_id, mentor_id, program, closed FROM conversation_cases WHERE case_id = $1', [caseId]);
    return row ? { caseId: row.case_id, studentId: row.student_id, mentorId: row.mentor_id, program: row.program, closed: row.closed } : null;
  }

  /** Null when an emailed reply with this Message-ID was already kept. */
  async insertMessage(manager: EntityManager, message: ThreadMessage, inboundMessageId: string | null): Promise<ThreadMessage | null> {
    const rows: MessageRow[] = await manager.query(
      `INSERT INTO conversation_messages (id, case_id, author_id, author_role, body, via, inbound_message_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (inbound_message_id) DO NOTHING
       RETURNING id, case_id, author_id, author_role, body, via, created_at`,
      [message.id, message.caseId, message.authorId, message.authorRole, message.body, message.via, inboundMessageId, message.createdAt],
    );
    return rows[0] ? toMessage(rows[0]) : null;
  }

  /** Oldest first, the newest `limit`. */
  async messagesOf(caseId: string, limit: number): Promise<ThreadMessage[]> {
    const rows: MessageRow[] = await this.dataSource.query(
      `SELECT * FROM (SELECT id, case_id, author_id, author_role, body, via, created_at FROM conversation_messages
         WHERE case_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2) newest ORDER BY created_at, id`,
      [caseId, limit],
    );
    return rows.map(toMessage);
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
