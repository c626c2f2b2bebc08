import { cohort, lowSummativesOf, PIPELINE_SERVICES, PipelineService, publishGrades, registerCohort, RunningInstance, waitUntil } from '@mentoring/testing';
import { expectEveryStudentServedOnce } from './support/exactly-once';
import { replicatedPipeline } from './support/replicated-pipeline';
import { acceptCases, CLOSELY, waitUntilBegun, waitUntilMatched, waitUntilQuiet } from './support/pipeline-state';

// Each service in turn loses a process to SIGKILL while the burst is passing through it: no
// shutdown hook runs, claims and transactions are cut off mid-way. The other replica and the
// restarted process must finish the work from what was committed, without losing or repeating it.
describe('a process of each service killed mid-burst and restarted', () => {
  // The SMTP catcher answers on loopback; a short SMTP timeout shortens the claim an email keeps
  // after its sender died (4 timeouts + 30 s), so the test can wait for the resend.
  const restarts: Promise<RunningInstance>[] = [];
  const { pipeline, caseEvents } = replicatedPipeline({ env: { notification: { SMTP_TIMEOUT_MS: '2000' } } }, () => Promise.allSettled(restarts));

  /** SIGKILL to the service's oldest process, and a new process started in its place. */
  async function crash(service: PipelineService): Promise<void> {
    const [victim] = pipeline.instancesOf(service);
    await pipeline.kill(victim);
    const restart = pipeline.startInstance(service);
    // Awaited once the burst is through; until then a failed start must not count as unhandled.
    restart.catch(() => undefined);
    restarts.push(restart);
  }

  it('loses and repeats nothing', async () => {
    const burst = cohort('K', { mentors: 5, students: 16 });
    await registerCohort(pipeline, burst);
    await publishGrades(pipeline, lowSummativesOf(burst));

    await waitUntilBegun(pipeline, 'grade-ingest', burst, 'SELECT count(*)::int AS n FROM grades WHERE student_id = ANY($1)');
    await crash('grade-ingest');
    await waitUntilBegun(pipeline, 'risk-scoring', burst, 'SELECT count(*)::int AS n FROM standings WHERE student_id = ANY($1)');
    await crash('risk-scoring');
    await waitUntilBegun(pipeline, 'mentor-matching', burst, 'SELECT count(*)::int AS n FROM cases WHERE student_id = ANY($1)');
    await crash('mentor-matching');
    await waitUntil('the first mentor email arrives', async () => (await pipeline.mail()).length > 0, CLOSELY);
    await crash('notification');

    await acceptCases(pipeline, await waitUntilMatched(pipeline, burst));
    await Promise.all(restarts);
    await waitUntilQuiet(pipeline);

    await expectEveryStudentServedOnce(pipeline, burst, caseEvents(), { mailRepeatedWithSameMessageId: true });
    for (const service of PIPELINE_SERVICES) expect(pipeline.instancesOf(service)).toHaveLength(2);
  });
});
