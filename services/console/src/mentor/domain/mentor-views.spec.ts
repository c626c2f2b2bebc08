import { openSlots, placeInWords } from './mentor-views';

const monday = { start: '2026-11-30T09:00:00Z', end: '2026-11-30T09:30:00Z' };
const tuesday = { start: '2026-12-01T14:00:00Z', end: '2026-12-01T14:30:00Z' };

describe('openSlots', () => {
  it('offers every proposed time while nothing is booked', () => {
    expect(openSlots({ proposedSlots: [monday, tuesday], confirmedSlot: null })).toEqual([monday, tuesday]);
  });

  it('leaves out the booked time, however its instant is written', () => {
    expect(openSlots({ proposedSlots: [monday, tuesday], confirmedSlot: { start: '2026-11-30T09:00:00.000Z', end: monday.end } })).toEqual([tuesday]);
  });
});

describe('placeInWords', () => {
  it('names the mode and the place of a meeting', () => {
    expect(placeInWords({ ...monday, mode: 'in-person', location: ' Room 4.12, Anatomy building ' })).toBe('In person: Room 4.12, Anatomy building');
    expect(placeInWords({ ...tuesday, mode: 'video', location: 'https://meet.example.edu/dr-a' })).toBe('Video call: https://meet.example.edu/dr-a');
    expect(placeInWords({ ...tuesday, mode: 'phone', location: '' })).toBe('Phone call');
  });

  it('says nothing while the mentor has not said where they meet', () => {
    expect([placeInWords(monday), placeInWords(null)]).toEqual([null, null]);
  });
});
