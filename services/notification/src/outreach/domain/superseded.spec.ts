import { planOutreach } from './plan-outreach';
import { supersededTemplates } from './superseded';
import { caseEvent, envelopeOf, outreachContext, slots } from './testing/realistic-cases';

const [slot] = slots(1);
const meeting = { uid: 'case-0-meeting-1@mentoring', sequence: 1, ...slot, mode: 'video' as const, location: 'https://meet.example.edu/j/1' };

function supersededBy(kind: 'slot-confirmed' | 'meeting-cancelled' | 'meeting-reminder-due' | 'accepted'): (readonly string[])[] {
  const planned = planOutreach(envelopeOf(caseEvent({ kind, status: 'active', confirmedSlot: slot, meeting, reminder: { leadMinutes: 60 } })), outreachContext());
  return planned.map(supersededTemplates);
}

describe('supersededTemplates', () => {
  it("outdates both sides' waiting reminders when a booking is moved or called off", () => {
    const reminders = ['student-meeting-reminder', 'mentor-session-reminder'];
    expect(supersededBy('slot-confirmed')).toEqual([reminders, reminders]);
    expect(supersededBy('meeting-cancelled')).toEqual([reminders, reminders]);
  });

  it('outdates nothing with a reminder or an introduction', () => {
    expect(supersededBy('meeting-reminder-due')).toEqual([[], []]);
    expect(supersededBy('accepted')).toEqual([[]]);
  });
});
