import { cpuPercent, parseCpuTicks, parseMemoryStatus } from './proc-stats';

describe('parseMemoryStatus', () => {
  it('reads VmRSS and VmHWM in MB', () => {
    const status = ['Name:\tnode', 'VmPeak:\t 1200000 kB', 'VmHWM:\t  204800 kB', 'VmRSS:\t  153600 kB', 'Threads:\t11'].join('\n');
    expect(parseMemoryStatus(status)).toEqual({ rssMb: 150, peakRssMb: 200 });
  });

  it('gives NaN for a field the kernel did not report', () => {
    expect(parseMemoryStatus('Name:\tzombie\n').rssMb).toBeNaN();
  });
});

describe('parseCpuTicks', () => {
  it('adds utime and stime, counting fields after the command name', () => {
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
    const stat = '4242 (node) S 1 4242 4242 0 -1 4194560 5000 0 3 0 250 40 0 0 20 0 11 0 100 0';
    expect(parseCpuTicks(stat)).toBe(290);
  });

  it('is not confused by spaces and parentheses in the command name', () => {
    const stat = '77 (my (odd) proc) R 1 77 77 0 -1 0 0 0 0 0 12 3 0 0 20 0 1 0 5 0';
    expect(parseCpuTicks(stat)).toBe(15);
  });
});

describe('cpuPercent', () => {
  it('is the share of one core over the window', () => {
    expect(cpuPercent(100, 130, 30_000, 100)).toBeCloseTo(1);
    expect(cpuPercent(0, 3_000, 30_000, 100)).toBeCloseTo(100);
  });
});
