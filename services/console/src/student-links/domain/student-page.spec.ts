import { studentPageOf } from './student-page';
import type { StudentCase } from './student-page';

const slot = (start: string, end: string) => ({ start, end });
const MONDAY = slot('2026-12-07T09:00:00.000Z', '2026-12-07T09:30:00.000Z');
const TUESDAY = slot('2026-12-08T09:00:00.000Z', '2026-12-08T09:30:00.000Z');

function studentCase(overrides: Partial<StudentCase>): StudentCase {
  return { caseId: 'c-1', status: 'active', mentor: { displayName: 'Dr Amina Rahman', timeZone: 'Asia/Dubai' }, proposedSlots: [MONDAY, TUESDAY], confirmedSlot: null, ...overrides };
}

describe('the student’s page', () => {
  it('names the mentor who said yes and puts the time clicked in the message first', () => {
    const page = studentPageOf(studentCase({}), { slotStart: '2026-12-08T09:00:00Z' });

    expect(page.title).toBe('Meeting Dr Amina Rahman');
    expect(page.slots.map((s) => [s.start, s.chosen])).toEqual([
      [TUESDAY.start, true],
      [MONDAY.start, false],
    ]);
  });

  it('shows the booked time and offers only the others', () => {
    const page = studentPageOf(studentCase({ confirmedSlot: MONDAY }), {});

    expect(page.confirmedSlot).toEqual(MONDAY);
    expect(page.slots.map((s) => s.start)).toEqual([TUESDAY.start]);
  });

  it('names nobody while a mentor has not said yes', () => {
    const page = studentPageOf(studentCase({ status: 'matched' }), { slotStart: MONDAY.start });

    expect(page).toMatchObject({ title: 'Finding you a mentor', mentorName: null, slots: [], confirmedSlot: null });
  });

  it('says when the conversation has closed', () => {
    expect(studentPageOf(studentCase({ status: 'closed' }), {})).toMatchObject({ closed: true, mentorName: null, slots: [] });
  });
});
