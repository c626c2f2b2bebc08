import { refreshableFormOf, withFreshSlots } from './fresh-slots';
import { planOutreach } from './plan-outreach';
import { caseEvent, envelopeOf, outreachContext, slots } from './testing/realistic-cases';

const offered = slots(3, '2026-10-13T06:00:00Z');

function introduction() {
  const [message] = planOutreach(envelopeOf(caseEvent({ kind: 'accepted', status: 'active', proposedSlots: offered })), outreachContext());
  return message;
}

function startsOf(message: ReturnType<typeof introduction>): string[] {
  return 'slots' in message.variables ? message.variables.slots.map((slot) => slot.time.start) : [];
}

describe('withFreshSlots', () => {
  it('shows every offered time while all are ahead', () => {
    const message = introduction();
    expect(withFreshSlots(message, new Date('2026-10-12T09:00:00Z'))).toBe(message);
  });

  it('leaves out a time that has begun by the moment the message is rendered', () => {
    expect(startsOf(withFreshSlots(introduction(), new Date('2026-10-13T06:00:00Z')))).toEqual([offered[1].start, offered[2].start]);
  });

  it('leaves none when all have passed, so the message points to the page with fresh times', () => {
    const stale = withFreshSlots(introduction(), new Date('2026-10-20T00:00:00Z'));
    expect(startsOf(stale)).toEqual([]);
    expect(stale.variables).toHaveProperty('moreTimesUrl');
  });

  it('leaves a message without offered times alone', () => {
    const [reminder] = planOutreach(
      envelopeOf(caseEvent({ kind: 'meeting-reminder-due', status: 'active', confirmedSlot: offered[0], reminder: { leadMinutes: 60 } })),
      outreachContext(),
    );
    expect(withFreshSlots(reminder, new Date('2026-10-20T00:00:00Z'))).toBe(reminder);
  });

  it('keeps a message offering times for a later rendering, without the address', () => {
    const message = introduction();
    expect(message.recipient.email).not.toBeNull();
    expect(refreshableFormOf(message)).toEqual({ ...message, recipient: { ...message.recipient, email: null } });
    expect(refreshableFormOf(withFreshSlots(message, new Date('2026-10-20T00:00:00Z')))).toBeNull();
  });
});
