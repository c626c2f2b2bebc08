import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { sleep } from './clock';

/** Resident memory of a process, in MB: now, and the kernel's high-water mark since it started. */
export interface MemoryReading {
  rssMb: number;
  peakRssMb: number;
}

/** Reads VmRSS and VmHWM from the text of /proc/<pid>/status. */
export function parseMemoryStatus(statusText: string): MemoryReading {
  return { rssMb: kbFieldInMb(statusText, 'VmRSS'), peakRssMb: kbFieldInMb(statusText, 'VmHWM') };
}

/**
 * User plus system CPU time in clock ticks from the text of /proc/<pid>/stat. The command name
 * (field 2) may contain spaces and parentheses, so fields are counted after its closing one.
 */
export function parseCpuTicks(statText: string): number {
  const afterName = statText.slice(statText.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the whole line; the remainder starts at field 3.
  return Number(afterName[14 - 3]) + Number(afterName[15 - 3]);
}

/** Share of one core a process used between two tick readings, in percent. */
export function cpuPercent(ticksBefore: number, ticksAfter: number, elapsedMs: number, ticksPerSecond: number): number {
  return ((ticksAfter - ticksBefore) / ticksPerSecond / (elapsedMs / 1000)) * 100;
}

export function readMemory(pid: number): MemoryReading {
  return parseMemoryStatus(readFileSync(`/proc/${pid}/status`, 'utf8'));
}

export function readCpuTicks(pid: number): number {
  return parseCpuTicks(readFileSync(`/proc/${pid}/stat`, 'utf8'));
}

/** The kernel's USER_HZ; Node has no API for it and it is not always 100. */
export function clockTicksPerSecond(): number {
  const answer = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  return Number.isFinite(answer) && answer > 0 ? answer : 100;
}

function kbFieldInMb(statusText: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(statusText);
  return match ? Math.round(Number(match[1]) / 102.4) / 10 : Number.NaN;
}

/** CPU use of each named process over one shared window, in percent of one core. */
export async function measureCpu(pids: Record<string, number>, windowMs: number): Promise<Record<string, number>> {
  const ticksPerSecond = clockTicksPerSecond();
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, readCpuTicks(pid)]));
  const startedAt = Date.now();
  await sleep(windowMs);
  const elapsedMs = Date.now() - startedAt;
  return Object.fromEntries(
    Object.entries(pids).map(([name, pid]) => [name, cpuPercent(before[name], readCpuTicks(pid), elapsedMs, ticksPerSecond)]),
  );
}
