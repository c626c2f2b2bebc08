import { createMetricsRegistry, MetricsService, PIPELINE_METRICS } from './metrics.service';

describe('MetricsService outside Nest', () => {
  const metrics = new MetricsService(createMetricsRegistry('grade-ingest'));

  it('records pipeline metrics labelled with the service', async () => {
    metrics.eventsConsumed.inc({ topic: 'grades.recorded.v1', type: 'grades.recorded.v1', outcome: 'handled' });
    metrics.outboxBacklog.set(12);

    const text = await metrics.registry.metrics();

    expect(text).toContain(
      `${PIPELINE_METRICS.eventsConsumed}{topic="grades.recorded.v1",type="grades.recorded.v1",outcome="handled",service="grade-ingest"} 1`,
    );
    expect(text).toContain(`${PIPELINE_METRICS.outboxBacklog}{service="grade-ingest"} 12`);
    expect(text).toContain('process_cpu_user_seconds_total{service="grade-ingest"}');
  });

  it('lets a service add its own metrics to the same registry', async () => {
    const imports = metrics.createCounter('grade_ingest_imports_total', 'OneRoster imports', ['outcome']);
    const latency = metrics.createHistogram('grade_ingest_import_seconds', 'Import duration');

    imports.inc({ outcome: 'accepted' });
    latency.observe(0.2);

    const text = await metrics.registry.metrics();
    expect(text).toContain('grade_ingest_imports_total{outcome="accepted",service="grade-ingest"} 1');
    expect(text).toContain('grade_ingest_import_seconds_bucket{le="0.25",service="grade-ingest"} 1');
  });
});
