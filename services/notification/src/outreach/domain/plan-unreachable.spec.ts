import { planUnreachableNotice, unreachableNoticeId } from './plan-unreachable';
import { caseEvent, COORDINATORS } from './testing/realistic-cases';

const context = { linkFor: (action: string, params: { recipientId: string; caseId?: string }) => `https://console.example.edu/${action}/${params.recipientId}/${params.caseId}`, teamName: 'The Team' };

describe('planUnreachableNotice', () => {
  it('tells every coordinator of the programme, once per student whatever the event', () => {
    const event = caseEvent({ caseId: 'case-1', studentId: 'S1024', student: { id: 'S1024', displayName: 'S1024', email: null, timeZone: 'UTC' } });

    const notices = planUnreachableNotice(event, COORDINATORS, context);

    expect(notices.map((notice) => [notice.template, notice.recipient.id, notice.triggeringEventId])).toEqual(
      COORDINATORS.map((coordinator) => ['coordinator-student-unreachable', coordinator.id, unreachableNoticeId('S1024')]),
    );
    expect(notices[0].variables).toMatchObject({ recipientName: 'Dalia', studentName: 'S1024', program: event.program, caseUrl: 'https://console.example.edu/open-case/C-1/case-1' });
  });
});
