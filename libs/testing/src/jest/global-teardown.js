// Stops what the global set-up started itself (containers); a reused local broker keeps running.
module.exports = async function globalTeardown() {
  await globalThis.__MENTORING_INFRA_STOP__?.();
};
