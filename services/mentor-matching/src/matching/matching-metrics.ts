import { Injectable } from '@nestjs/common';
import { CASE_STATUSES } from '@mentoring/contracts';
import { MetricsService } from '@mentoring/observability';
import { Gauge, Histogram } from 'prom-client';
import { CaseFacts } from '../cases';

const BURST_BUCKETS = [1, 5, 10, 25, 50, 100, 250, 500, 1000];

/** How matching is doing: burst sizes, and how many cases wait in each status (read at scrape time, so every replica reports the truth). */
@Injectable()
export class MatchingMetrics {
  readonly burstCases: Histogram;

  constructor(metrics: MetricsService, cases: CaseFacts) {
    this.burstCases = metrics.createHistogram('mentoring_matching_burst_cases', 'Cases assigned jointly in one matching run', [], BURST_BUCKETS);
    new Gauge({
      name: 'mentoring_cases',
      help: 'Cases by status',
      labelNames: ['status'],
      registers: [metrics.registry],
      async collect() {
        const counts = await cases.countByStatus();
        for (const status of CASE_STATUSES) this.set({ status }, counts.get(status) ?? 0);
      },
    });
  }
}
