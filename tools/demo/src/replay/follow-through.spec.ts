import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DemoClock, firstClockMove, firstFreshSlot, stallsOnPurpose } from './follow-through';

describe('the demo follow-through', () => {
  const students = Array.from({ length: 400 }, (_, index) => `S${String(index + 1).padStart(5, '0')}`);

  it('stalls the same pairs for the same seed, about one in four', () => {
    const stalled = students.filter((id) => stallsOnPurpose(id, 42));
    expect(students.filter((id) => stallsOnPurpose(id, 42))).toEqual(stalled);
    expect(stalled.length).toBeGreaterThan(60);
    expect(stalled.length).toBeLessThan(140);
  });

  it('stalls other pairs under another seed', () => {
    expect(students.filter((id) => stallsOnPurpose(id, 7))).not.toEqual(students.filter((id) => stallsOnPurpose(id, 42)));
  });

  it('books the earliest offered time still ahead', () => {
    const now = new Date('2026-03-02T10:00:00Z');
    const slots = [
      { start: '2026-03-03T09:00:00Z', end: '2026-03-03T09:45:00Z' },
      { start: '2026-03-02T09:00:00Z', end: '2026-03-02T09:45:00Z' },
      { start: '2026-03-02T15:00:00Z', end: '2026-03-02T15:45:00Z' },
    ];
    expect(firstFreshSlot(slots, now)).toEqual(slots[2]);
    expect(firstFreshSlot(slots.slice(1, 2), now)).toBeUndefined();
  });

  it('moves the clock first past the last booked meeting, at least 4 days and at most 13', () => {
    const now = new Date('2026-03-02T10:00:00Z');
    const day = 86_400_000;
    const pair = (end: string) => ({ caseId: 'c', mentorId: 'm', studentId: 's', slot: { start: end, end } });
    expect(firstClockMove([], now)).toBe(4 * day);
    expect(firstClockMove([pair('2026-03-03T10:00:00Z')], now)).toBe(4 * day);
    expect(firstClockMove([pair('2026-03-03T10:00:00Z'), pair('2026-03-08T09:00:00Z')], now)).toBe(6 * day);
    expect(firstClockMove([pair('2026-03-30T10:00:00Z')], now)).toBe(13 * day);
  });

  it('moves the development clock by whole offsets the services read', () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-clock-'));
    try {
      const file = path.join(directory, 'offset');
      const clock = new DemoClock(file);
      expect(clock.offsetMs).toBe(0);
      clock.advance(4 * 86_400_000);
      clock.advance(11 * 86_400_000);
      expect(fs.readFileSync(file, 'utf8')).toBe(String(15 * 86_400_000));
      expect(Math.round((clock.now().getTime() - Date.now()) / 86_400_000)).toBe(15);
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
});
