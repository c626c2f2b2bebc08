import { OutreachError } from './outreach-errors';

const WINDOW_MS = 24 * 60 * 60 * 1000;

function assertCap(maxPer24h: number): void {
  if (!Number.isInteger(maxPer24h) || maxPer24h < 1) {
    throw new OutreachError('invalid-preferences', `A frequency cap must be a whole number of at least 1, got ${maxPer24h}`);
  }
}

function sentWithinWindow(sentAt: readonly Date[], now: Date): number[] {
  const windowStart = now.getTime() - WINDOW_MS;
  return sentAt
    .map((moment) => moment.getTime())
    .filter((time) => time > windowStart && time <= now.getTime())
    .sort((a, b) => a - b);
}

/** True when the recipient already had their maximum of emails in the rolling 24 hours; null is no cap. */
export function isOverFrequencyCap(sentAt: readonly Date[], now: Date, maxPer24h: number | null): boolean {
  if (maxPer24h === null) return false;
  assertCap(maxPer24h);
  return sentWithinWindow(sentAt, now).length >= maxPer24h;
}

/** The first moment another email fits under the cap: now, or when enough sends leave the window. */
export function nextCapacityAt(sentAt: readonly Date[], now: Date, maxPer24h: number | null): Date {
  if (maxPer24h === null || !isOverFrequencyCap(sentAt, now, maxPer24h)) return now;
  const inWindow = sentWithinWindow(sentAt, now);
  // With `count` sends in the window, one more fits once the oldest `count - max + 1` have aged out.
  const lastToAgeOut = inWindow[inWindow.length - maxPer24h];
  return new Date(lastToAgeOut + WINDOW_MS);
}
