import { Inject, Injectable } from '@nestjs/common';
import { MetricsService, SLO_METRICS } from '@mentoring/observability';
import { Clock, CLOCK } from '@mentoring/platform';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { CaseFacts } from '../cases';
import { MentorCaseActivity } from '../mentors';
import { DAY_MS } from '../shared/time';
import { SloFigures, sloFigures, SloQuantiles } from './domain/slo-figures';

/** Cases flagged this long ago or less make the flag-to-contact and flag-to-meeting figures. */
const SLO_WINDOW_DAYS = 30;
const EVERY_PROGRAMME = { all: true } as const;

/**
 * The promises mentor-matching keeps, as gauges read at scrape time from the database, so every
 * replica reports the same truth: flag to first contact and to first meeting (p50, p90), the
 * oldest waitlisted case, and the share of offers answered within the SLA.
 */
@Injectable()
export class SloMetrics {
  constructor(
    metrics: MetricsService,
    private readonly dataSource: DataSource,
    private readonly cases: CaseFacts,
    private readonly activity: MentorCaseActivity,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    // One database read per scrape serves every gauge: the first gauge collected starts it.
    let pending: Promise<SloFigures> | undefined;
    const figures = () => {
      pending ??= this.figures().finally(() => setImmediate(() => (pending = undefined)));
      return pending;
    };
    const quantileGauge = (name: string, help: string, pick: (figures: SloFigures) => SloQuantiles) =>
      new Gauge({
        name,
        help,
        labelNames: ['quantile'],
        registers: [metrics.registry],
        async collect() {
          const { p50, p90 } = pick(await figures());
          this.reset();
          if (p50 !== null) this.set({ quantile: '0.5' }, p50);
          if (p90 !== null) this.set({ quantile: '0.9' }, p90);
        },
      });
    quantileGauge(SLO_METRICS.flagToFirstContact, `Seconds from flag to first contact over cases flagged in the last ${SLO_WINDOW_DAYS} days (waiting ones with their wait so far)`, (f) => f.flagToFirstContact);
    quantileGauge(SLO_METRICS.flagToFirstMeeting, `Seconds from flag to first meeting over cases flagged in the last ${SLO_WINDOW_DAYS} days (waiting ones with their wait so far)`, (f) => f.flagToFirstMeeting);
    new Gauge({
      name: SLO_METRICS.oldestWaitlistedAge,
      help: 'Seconds since the flag of the oldest waitlisted case (0 when none waits)',
      registers: [metrics.registry],
      async collect() {
        this.set((await figures()).oldestWaitlistedSeconds);
      },
    });
    new Gauge({
      name: SLO_METRICS.offersAnsweredWithinSla,
      help: 'Share of offers answered (accepted or declined) before the SLA expired them, over the responsiveness window',
      registers: [metrics.registry],
      async collect() {
        const share = (await figures()).offersAnsweredWithinSla;
        this.reset();
        if (share !== null) this.set(share);
      },
    });
  }

  private async figures(): Promise<SloFigures> {
    const manager = this.dataSource.manager;
    const now = this.clock.now();
    const [cases, waitlisted, responsiveness] = await Promise.all([
      this.cases.timings(manager, { programmes: EVERY_PROGRAMME, since: new Date(now.getTime() - SLO_WINDOW_DAYS * DAY_MS) }),
      this.cases.waitlisted(manager, EVERY_PROGRAMME),
      this.activity.responsiveness(manager, now),
    ]);
    return sloFigures({ cases, waitlistedFlaggedAt: waitlisted.map((record) => record.flaggedAt), offerAnswers: [...responsiveness.values()], now });
  }
}
