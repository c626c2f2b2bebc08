import { CaseloadEntryReply, DirectoryImportReply, listOf } from '@mentoring/contracts';
import { type Cohort, PROGRAMS } from '../cohort';
import { AcceptedCase } from './follow-through';
import { chunk, demoCoordinators, mentorImportRow, studentImportRow } from './directory';
import { PlatformClient } from './platform-client';

// mentor-matching takes JSON bodies up to Express's default 100 kB: about 200 students.
const IMPORT_ROWS_PER_REQUEST = 200;

// Seeds every programme's people, so it coordinates them all.
const COORDINATOR = { role: 'coordinator', subject: 'demo-coordinator', programmes: PROGRAMS } as const;

/**
 * Puts the cohort's people where the platform keeps them: mentors and students in mentor-matching
 * (which names them in case events, so notification learns their addresses and time zones), and a
 * coordinator per programme in notification for escalations. Any refused row stops the demo: the
 * generator's people are meant to be valid.
 */
export async function seedDirectory(client: PlatformClient, cohort: Pick<Cohort, 'mentors' | 'students'>): Promise<number> {
  await importRows(client, '/v1/mentors/import', cohort.mentors.map(mentorImportRow));
  await importRows(client, '/v1/students/import', cohort.students.map(studentImportRow));
  const coordinators = demoCoordinators();
  for (const coordinator of coordinators) {
    await client.call('notification', COORDINATOR, `/v1/recipients/${coordinator.id}`, { method: 'PUT', body: coordinator.body });
  }
  return coordinators.length;
}

async function importRows(client: PlatformClient, path: string, rows: readonly object[]): Promise<void> {
  for (const batch of chunk(rows, IMPORT_ROWS_PER_REQUEST)) {
    const answer = await client.json('mentor-matching', COORDINATOR, path, DirectoryImportReply, { method: 'POST', body: batch });
    if (answer.rejected.length > 0) throw new Error(`${path} refused rows: ${JSON.stringify(answer.rejected.slice(0, 3))}`);
  }
}

/**
 * The mentors whose generated responsiveness is `prompt` accept their matched cases, as they would
 * within hours: that is when the student is introduced to them, so the demo shows both sides.
 */
export async function acceptAsPromptMentors(client: PlatformClient, cohort: Pick<Cohort, 'mentors'>): Promise<AcceptedCase[]> {
  const accepted: AcceptedCase[] = [];
  for (const mentor of cohort.mentors.filter((candidate) => candidate.responsiveness.profile === 'prompt')) {
    const caller = { role: 'mentor', subject: mentor.mentorId } as const;
    const caseload = await client.json('mentor-matching', caller, `/v1/mentors/${mentor.mentorId}/cases`, listOf(CaseloadEntryReply));
    for (const entry of caseload.filter((candidate) => candidate.status === 'matched')) {
      await client.call('mentor-matching', caller, `/v1/cases/${entry.caseId}/accept`, { method: 'POST' });
      accepted.push({ caseId: entry.caseId, mentorId: mentor.mentorId, studentId: entry.student.studentId });
    }
  }
  return accepted;
}
