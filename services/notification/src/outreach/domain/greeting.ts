import type { Recipient } from './planned-message';

/**
 * What stands for a name in "Hi {{recipientName}}," when no name is known: "Hi there,". A
 * greeting never uses a person's id (a student known only from their marks has no name yet).
 */
export const NEUTRAL_GREETING_NAME = 'there';

/**
 * The name to greet a recipient by: the directory's (a student's preferred name), else the name
 * the event gave, as long as it is a name and not the person's id; else the neutral greeting.
 */
export function greetingNameOf(recipient: Pick<Recipient, 'id' | 'displayName'>, fromDirectory: string | null | undefined): string {
  const named = [fromDirectory, recipient.displayName].find((name) => typeof name === 'string' && name.trim() !== '' && name.trim() !== recipient.id);
  return named ?? NEUTRAL_GREETING_NAME;
}

/**
 * The case event with its people named as the directory knows them: the directory's full name
 * (from the SIS) wins over the one the event carried, so a mentor reads the student's name even
 * when matching knew only their id.
 */
export function withKnownNames<T extends { student: P; mentor?: P | null; previousMentor?: P | null }, P extends { id: string; displayName: string }>(
  event: T,
  displayNameOf: (id: string) => string | undefined,
): T {
  const named = (person: P): P => ({ ...person, displayName: displayNameOf(person.id) ?? person.displayName });
  return {
    ...event,
    student: named(event.student),
    ...(event.mentor ? { mentor: named(event.mentor) } : {}),
    ...(event.previousMentor ? { previousMentor: named(event.previousMentor) } : {}),
  };
}
