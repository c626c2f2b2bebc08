// Integration tests wait on real infrastructure (consumer group joins, broker restarts); they wait
// for conditions, never for fixed times, so a generous ceiling only matters when something hangs.
jest.setTimeout(180_000);
