import { Injectable } from '@nestjs/common';
import { Caller, ServiceApi, ServiceCallError } from '../service-api/service-api';
import { FullCaseReply, InboxMessageReply, InboxReply, listOf, MentorReply, WaitlistedCaseReply } from '@mentoring/contracts';
import { CaseToReassign, eligibleMentors, MentorChoice } from './domain/eligible-mentors';

// Escalations reach coordinators as notification messages from these templates (and the daily
// digest that bundles them); mentor-matching keeps no list of its own.
const COORDINATOR_TEMPLATE_PREFIX = 'coordinator-';
const INBOX_PAGE = 50;

/** What a coordinator acts on: escalations in their inbox, the waitlist, and reassigning a case. */
@Injectable()
export class CoordinatorDeskService {
  constructor(private readonly api: ServiceApi) {}

  waitlist(caller: Caller): Promise<WaitlistedCaseReply[]> {
    return this.api.get('mentor-matching', '/v1/coordinator/waitlist', caller, listOf(WaitlistedCaseReply));
  }

  /** The coordinator's escalations, newest first; none when notification does not know them as a recipient yet. */
  async escalations(caller: Caller): Promise<InboxMessageReply[]> {
    try {
      const inbox = await this.api.get('notification', `/v1/recipients/${encodeURIComponent(caller.subject)}/inbox?limit=${INBOX_PAGE}`, caller, InboxReply);
      return inbox.items.filter((item) => item.template.startsWith(COORDINATOR_TEMPLATE_PREFIX));
    } catch (error) {
      if (error instanceof ServiceCallError && error.status === 404) return [];
      throw error;
    }
  }

  /** Marks an escalation read in the coordinator's own inbox, so the desk shows what is still new. */
  async markHandled(messageId: string, caller: Caller): Promise<void> {
    await this.api.post('notification', `/v1/recipients/${encodeURIComponent(caller.subject)}/inbox/${encodeURIComponent(messageId)}/read`, caller);
  }

  /** The case and the mentors who could take it. */
  async reassignment(caseId: string, caller: Caller): Promise<{ case: FullCaseReply; choices: MentorChoice[] }> {
    const [record, mentors] = await Promise.all([
      this.api.get('mentor-matching', `/v1/cases/${encodeURIComponent(caseId)}`, caller, FullCaseReply),
      this.api.get('mentor-matching', '/v1/mentors', caller, listOf(MentorReply)),
    ]);
    const toReassign: CaseToReassign = { program: record.student.program, mentorId: record.mentor?.mentorId ?? null, mentorsWhoLeft: record.mentorsWhoLeft };
    return { case: record, choices: eligibleMentors(toReassign, mentors) };
  }

  async reassign(caseId: string, mentorId: string, reason: string, caller: Caller): Promise<void> {
    await this.api.post('mentor-matching', `/v1/cases/${encodeURIComponent(caseId)}/reassign`, caller, { mentorId, reason });
  }
}
