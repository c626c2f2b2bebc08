import { parsePrometheusText, sumOf } from './prometheus-text';

describe('parsePrometheusText', () => {
  const text = [
    '# HELP mentoring_kafka_consumer_lag Messages between the committed offset and the partition end',
    '# TYPE mentoring_kafka_consumer_lag gauge',
    'mentoring_kafka_consumer_lag{group="risk-scoring",topic="grades.recorded.v1",partition="0",service="risk-scoring"} 3',
    'mentoring_kafka_consumer_lag{group="risk-scoring",topic="grades.recorded.v1",partition="1",service="risk-scoring"} 4',
    'mentoring_outbox_backlog{service="risk-scoring"} 0',
    'label_with_quote{note="a \\"quoted\\" word"} 1',
  ].join('\n');

  it('reads names, labels and values, skipping comments', () => {
    const samples = parsePrometheusText(text);
    expect(samples).toHaveLength(4);
    expect(samples[0]).toEqual({
      name: 'mentoring_kafka_consumer_lag',
      labels: { group: 'risk-scoring', topic: 'grades.recorded.v1', partition: '0', service: 'risk-scoring' },
      value: 3,
    });
    expect(samples[3].labels.note).toBe('a "quoted" word');
  });

  it('sums a metric across its series', () => {
    expect(sumOf(parsePrometheusText(text), 'mentoring_kafka_consumer_lag')).toBe(7);
  });
});
