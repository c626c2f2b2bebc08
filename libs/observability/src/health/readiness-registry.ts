import { Injectable, OnModuleDestroy } from '@nestjs/common';

/** Resolves when a dependency is usable; throws (with a reason) when it is not. */
export type ReadinessCheck = () => Promise<void>;

/** Name of the check that fails once the service starts shutting down. */
export const SHUTDOWN_CHECK = 'shutdown';

/** The checks `/health/ready` runs; the persistence and messaging libraries register theirs here. */
@Injectable()
export class ReadinessRegistry implements OnModuleDestroy {
  private readonly registered = new Map<string, ReadinessCheck>();
  private shuttingDown = false;

  /** Adds a named check; names are unique so two libraries cannot silently replace each other's. */
  register(name: string, check: ReadinessCheck): void {
    if (name === SHUTDOWN_CHECK || this.registered.has(name)) {
      throw new Error(`A readiness check named "${name}" is already registered`);
    }
    this.registered.set(name, check);
  }

  /** Every registered check, plus one that fails during shutdown so balancers stop routing here while work drains. */
  checks(): Array<[string, ReadinessCheck]> {
    return [...this.registered.entries(), [SHUTDOWN_CHECK, () => this.assertNotShuttingDown()]];
  }

  onModuleDestroy(): void {
    this.shuttingDown = true;
  }

  private async assertNotShuttingDown(): Promise<void> {
    if (this.shuttingDown) throw new Error('the service is shutting down');
  }
}
