export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

/** Sleeps until an absolute time, so a paced sender keeps its schedule however long each send took. */
export function sleepUntil(timestamp: number): Promise<void> {
  return sleep(timestamp - Date.now());
}
