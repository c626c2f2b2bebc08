import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Public } from '@mentoring/auth';
import { ReadinessCheck, ReadinessRegistry } from '@mentoring/observability';

// A check that hangs (a half-open TCP connection) must not hang the probe that asks about it.
const CHECK_TIMEOUT_MS = 3000;

@Public()
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly readiness: ReadinessRegistry,
  ) {}

  /** 200 while the process can answer at all; restarts are for when it cannot. */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /** 200 only when every registered dependency answers; 503 names the ones that do not. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check(
      this.readiness
        .checks()
        .map(([name, check]) => () => this.attempt(name, check)),
    );
  }

  private async attempt(name: string, check: ReadinessCheck) {
    const indicator = this.indicators.check(name);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
    });
    try {
      await Promise.race([check(), timeout]);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    } finally {
      clearTimeout(timer);
    }
  }
}
