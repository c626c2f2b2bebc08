import { PIPELINE_METRICS } from './metrics.service';
import { parsePrometheusText } from './prometheus-text';
import { histogramQuantile, SLO_METRICS, sloStatusOf } from './slo';

const bucket = (le: string, value: number) => `${SLO_METRICS.flagToMentorNotified}_bucket{le="${le}",service="notification"} ${value}`;

describe('SLO status', () => {
  it('interpolates a quantile within its bucket, as Prometheus does', () => {
    const samples = parsePrometheusText([bucket('60', 5), bucket('300', 9), bucket('+Inf', 10)].join('\n'));
    // Rank 9 of 10 falls at the top of the 60-300 bucket.
    expect(histogramQuantile(0.9, samples)).toBeCloseTo(300);
    expect(histogramQuantile(0.5, samples)).toBeCloseTo(60);
    expect(histogramQuantile(0.9, [])).toBeNull();
  });

  it('compares each figure with its target, the right way round', () => {
    const status = sloStatusOf({
      notification: parsePrometheusText([bucket('60', 10), bucket('+Inf', 10), `${PIPELINE_METRICS.deadLettersPending}{service="notification"} 2`].join('\n')),
      'mentor-matching': parsePrometheusText(
        [
          `${SLO_METRICS.flagToFirstContact}{quantile="0.5",service="mentor-matching"} 3600`,
          `${SLO_METRICS.flagToFirstContact}{quantile="0.9",service="mentor-matching"} 400000`,
          `${SLO_METRICS.oldestWaitlistedAge}{service="mentor-matching"} 0`,
          `${SLO_METRICS.offersAnsweredWithinSla}{service="mentor-matching"} 0.95`,
        ].join('\n'),
      ),
    });
    const byId = Object.fromEntries(status.map((slo) => [slo.id, slo]));
    expect(byId['flag-to-mentor-notified']).toMatchObject({ met: true });
    // 400,000 s is over the 3-day target for first contact.
    expect(byId['flag-to-first-contact']).toMatchObject({ current: 400000, met: false });
    expect(byId['oldest-waitlisted-case']).toMatchObject({ current: 0, met: true });
    expect(byId['offers-answered-within-sla']).toMatchObject({ current: 0.95, met: true });
    expect(byId['dead-letters']).toMatchObject({ current: 2, met: false });
    // Not reported by any service yet: unknown, neither met nor missed.
    expect(byId['flag-to-first-meeting']).toMatchObject({ current: null, met: null });
  });
});
