import { greetingNameOf, NEUTRAL_GREETING_NAME, withKnownNames } from './greeting';

describe('greetingNameOf', () => {
  it('prefers the name the directory gives', () => {
    expect(greetingNameOf({ id: 'S1024', displayName: 'Adaeze Okafor' }, 'Ada')).toBe('Ada');
  });

  it('uses the name the event gave when the directory has none', () => {
    expect(greetingNameOf({ id: 'S1024', displayName: 'Adaeze Okafor' }, null)).toBe('Adaeze Okafor');
    expect(greetingNameOf({ id: 'S1024', displayName: 'Adaeze Okafor' }, undefined)).toBe('Adaeze Okafor');
  });

  it('never greets by id: a student known only by their id is greeted neutrally', () => {
    expect(greetingNameOf({ id: 'S1024', displayName: 'S1024' }, null)).toBe(NEUTRAL_GREETING_NAME);
    expect(greetingNameOf({ id: 'S1024', displayName: 'S1024' }, 'S1024')).toBe(NEUTRAL_GREETING_NAME);
    expect(greetingNameOf({ id: 'S1024', displayName: ' ' }, '')).toBe(NEUTRAL_GREETING_NAME);
  });
});

describe('withKnownNames', () => {
  it('names the people of an event as the directory knows them, and keeps the others as they came', () => {
    const event = {
      kind: 'accepted',
      student: { id: 'S1024', displayName: 'S1024', timeZone: 'UTC' },
      mentor: { id: 'M1', displayName: 'Dr Farah Azhar', timeZone: 'UTC' },
      previousMentor: null,
    };
    const names = new Map([['S1024', 'Adaeze Okafor']]);

    expect(withKnownNames(event, (id) => names.get(id))).toEqual({ ...event, student: { ...event.student, displayName: 'Adaeze Okafor' } });
  });
});
