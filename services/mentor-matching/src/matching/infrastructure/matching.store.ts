import { EntityManager } from 'typeorm';

// Arbitrary, unique within this service's database (the migrations lock uses 7_316_001).
const MATCHING_LOCK_KEY = 7_316_003;

/** Waits for the matching lock, held until the transaction ends. */
export async function lockMatching(manager: EntityManager): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock($1)', [MATCHING_LOCK_KEY]);
}

/** Takes the matching lock if nobody holds it; false at once otherwise. */
export async function tryLockMatching(manager: EntityManager): Promise<boolean> {
  const [{ locked }]: Array<{ locked: boolean }> = await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [MATCHING_LOCK_KEY]);
  return locked;
}
