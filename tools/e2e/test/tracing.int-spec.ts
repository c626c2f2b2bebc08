import fs from 'node:fs';
import path from 'node:path';
import { developmentKeyFor, signToken } from '@mentoring/auth';
import { lowSummatives, Pipeline, PIPELINE_SERVICES, postGrades, registerMentor, registerStudent, waitUntil } from '@mentoring/testing';
import { parse } from 'yaml';
import { OtlpReceiver, ReceivedSpan, SPAN_KIND } from './support/otlp-receiver';

const MENTOR = { id: 'M-TRACE', displayName: 'Dr. Lena Okafor', email: 'lena.okafor@faculty.example.edu' };
const STUDENT = { id: 'S-TRACE-1', displayName: 'Tomás Reyes', email: 'tomas.reyes@students.example.edu' };
const IMPORTED_STUDENT = { id: 'S-TRACE-2', displayName: 'Aoife Byrne', email: 'aoife.byrne@students.example.edu' };

// Every service in its own process exports over OTLP/HTTP to a receiver in this test. One REST
// batch of grades must come back as one trace that crosses every service through Kafka, down to
// the SMTP send of the mentor's email.
describe('one grade, one trace', () => {
  const receiver = new OtlpReceiver();
  let pipeline: Pipeline;

  beforeAll(async () => {
    await receiver.start();
    const tracing = { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '200' };
    pipeline = new Pipeline({ env: Object.fromEntries(PIPELINE_SERVICES.map((service) => [service, tracing])) });
    await pipeline.start();
  });

  afterAll(async () => {
    await pipeline?.stop();
    await receiver.stop();
  });

  it('follows a REST grade through grade-ingest, risk-scoring, mentor-matching and notification to the SMTP send', async () => {
    await registerMentor(pipeline, MENTOR, 3);
    await registerStudent(pipeline, STUDENT);
    await postGrades(pipeline, lowSummatives(STUDENT.id));

    const ingest = await waitUntil('grade-ingest exports the span of the REST request', () =>
      receiver.spans.find((span) => span.service === 'grade-ingest' && span.kind === SPAN_KIND.server && String(span.attributes['http.target'] ?? span.attributes['url.path']).startsWith('/v1/grades')),
    );
    const trace = await waitUntil('the trace reaches the SMTP send of the mentor email', () => {
      const spans = receiver.trace(ingest.traceId);
      return spans.some((span) => span.service === 'notification' && span.name === 'smtp send') && spans;
    });

    // Every hop is in the one trace: each service handled an event of it.
    const consumedBy = (service: string) => trace.filter((span) => span.service === service && span.kind === SPAN_KIND.consumer);
    expect(consumedBy('risk-scoring').map((span) => span.attributes['mentoring.event.type'])).toContain('grades.recorded.v1');
    expect(consumedBy('mentor-matching').map((span) => span.attributes['mentoring.event.type'])).toContain('risk.assessed.v1');
    expect(consumedBy('notification').map((span) => span.attributes['mentoring.event.type'])).toContain('mentoring.case-matched.v1');
    expect(trace.some((span) => span.service === 'mentor-matching' && span.name === 'match case')).toBe(true);
    expect(trace.some((span) => span.service === 'grade-ingest' && span.kind === SPAN_KIND.client && span.attributes['db.system.name'] === 'postgresql')).toBe(true);

    // Across Kafka, each consumer span is the child of the publishing service's producer span.
    const byId = new Map(trace.map((span) => [span.spanId, span]));
    for (const consumer of trace.filter((span) => span.kind === SPAN_KIND.consumer)) {
      const parent = byId.get(consumer.parentSpanId ?? '');
      expect(parent).toMatchObject({ kind: SPAN_KIND.producer, name: consumer.name.replace(/ process$/, ' publish') });
      expect(parent?.service).not.toBe(consumer.service);
    }
    // The chain from the SMTP send climbs back to the REST request without a break.
    expect(serviceChain(byId, trace.find((span) => span.name === 'smtp send'))).toEqual(['notification', 'mentor-matching', 'risk-scoring', 'grade-ingest']);
    expect(rootOf(byId, trace.find((span) => span.name === 'smtp send'))?.spanId).toBe(ingest.spanId);
  });

  it('keeps a OneRoster upload and the grades its background run records in one trace', async () => {
    await registerStudent(pipeline, IMPORTED_STUDENT);
    const posted = await uploadOneRoster(pipeline, IMPORTED_STUDENT.id);
    expect(posted.status).toBe(202);

    const upload = await waitUntil('grade-ingest exports the span of the upload', () =>
      receiver.spans.find((span) => span.service === 'grade-ingest' && span.kind === SPAN_KIND.server && String(span.attributes['http.target'] ?? span.attributes['url.path']).startsWith('/v1/imports/oneroster')),
    );
    const trace = await waitUntil('the import\'s grades reach risk-scoring in the upload\'s trace', () => {
      const spans = receiver.trace(upload.traceId);
      return spans.some((span) => span.service === 'risk-scoring' && span.kind === SPAN_KIND.consumer && span.attributes['mentoring.event.type'] === 'grades.recorded.v1') && spans;
    });
    expect(trace.some((span) => span.service === 'grade-ingest' && span.name === 'oneroster import')).toBe(true);
  });

  it('exports every metric the alert rules read', async () => {
    const exported = new Set<string>();
    for (const instance of pipeline.instances) {
      const text = await (await fetch(`${instance.url}/metrics`)).text();
      for (const name of declaredMetricNames(text)) exported.add(name);
    }
    const alerts = parse(fs.readFileSync(path.resolve(__dirname, '../../../infra/prometheus/alerts.yml'), 'utf8'));
    const rules: { alert: string; expr: string }[] = alerts.groups.flatMap((group: { rules: unknown[] }) => group.rules);
    const missing = rules.flatMap((rule) => metricNamesIn(rule.expr).filter((name) => !exported.has(name)).map((name) => `${rule.alert}: ${name}`));
    expect(missing).toEqual([]);
  });
});

/** Three low summative marks for one student as a minimal OneRoster 1.2 set, placed by the import's defaults. */
async function uploadOneRoster(pipeline: Pipeline, studentId: string): Promise<{ status: number }> {
  const lineItems = [
    'sourcedId,status,dateLastModified,title,description,assignDate,dueDate,classSourcedId,categorySourcedId,academicSessionSourcedId,resultValueMin,resultValueMax,schoolSourcedId,metadata.assessmentType',
    ...[1, 2, 3].map((n) => `li-trace-${n},,,Exam ${n},,2025-03-0${n},2025-03-0${n},ANAT101,,,0,100,,summative`),
  ];
  const results = [
    'sourcedId,status,dateLastModified,lineItemSourcedId,studentSourcedId,scoreStatus,score,scoreDate,comment,textScore,classSourcedId,inProgress,incomplete,late,missing',
    ...[1, 2, 3].map((n) => `r-trace-${n},,,li-trace-${n},${studentId},fully graded,30,2025-03-0${n},,,,,,,`),
  ];
  const form = new FormData();
  form.append('files', new Blob([`${lineItems.join('\r\n')}\r\n`], { type: 'text/csv' }), 'lineItems.csv');
  form.append('files', new Blob([`${results.join('\r\n')}\r\n`], { type: 'text/csv' }), 'results.csv');
  form.append('defaultProgram', 'MBBS');
  form.append('defaultYearOfStudy', '1');
  const token = await signToken({ subject: 'sis-e2e', role: 'registrar-feed', audience: 'grade-ingest', key: developmentKeyFor('registrar-feed', { MENTORING_DEV_MODE: 'true' }) });
  const [instance] = pipeline.instancesOf('grade-ingest');
  return fetch(`${instance.url}/v1/imports/oneroster`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
}

/** Metric names a /metrics page declares (`# TYPE`), with the series a histogram adds. */
function declaredMetricNames(text: string): string[] {
  return [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].flatMap(([, name, type]) => (type === 'histogram' ? [name, `${name}_bucket`, `${name}_sum`, `${name}_count`] : [name]));
}

/** The metric names an alert expression reads: words outside label matchers and ranges that are not PromQL. */
function metricNamesIn(expr: string): string[] {
  const words = expr.replace(/\{[^}]*\}/g, '').replace(/\[[^\]]*\]/g, '').match(/[a-z_][a-z0-9_]*/g) ?? [];
  return words.filter((word) => !PROMQL_WORDS.has(word));
}
const PROMQL_WORDS = new Set(['sum', 'max', 'min', 'rate', 'increase', 'by', 'histogram_quantile', 'le', 'service', 'group', 'topic', 'type', 'reason', 'quantile', 'up']);

/** The services met walking from `span` up to the root, each named once, in order. */
function serviceChain(byId: Map<string, ReceivedSpan>, span: ReceivedSpan | undefined): string[] {
  const services: string[] = [];
  for (let current = span; current; current = byId.get(current.parentSpanId ?? '')) {
    if (services[services.length - 1] !== current.service) services.push(current.service);
  }
  return services;
}

function rootOf(byId: Map<string, ReceivedSpan>, span: ReceivedSpan | undefined): ReceivedSpan | undefined {
  let current = span;
  while (current?.parentSpanId && byId.has(current.parentSpanId)) current = byId.get(current.parentSpanId);
  return current;
}
