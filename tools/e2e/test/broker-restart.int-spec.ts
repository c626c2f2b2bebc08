import { cohort, lowSummativesOf, publishGrades, registerCohort, together } from '@mentoring/testing';
import { expectEveryStudentServedOnce } from './support/exactly-once';
import { replicatedPipeline } from './support/replicated-pipeline';
import { brokerIsRestartable, ensureBrokerRunning, restartBroker } from './support/local-broker';
import { acceptCases, waitUntilBegun, waitUntilMatched, waitUntilQuiet } from './support/pipeline-state';

// The broker goes away while a burst is half-way through the pipeline and comes back: producers,
// relays and consumer groups must reconnect by themselves, and what was in flight must arrive
// once. Only a broker started by infra/kafka can be restarted from here.
const describeWithLocalBroker = brokerIsRestartable() ? describe : describe.skip;

describeWithLocalBroker('the broker restarted mid-run', () => {
  // Whatever happened, the suites after this one need the broker.
  const { pipeline, caseEvents } = replicatedPipeline({}, ensureBrokerRunning);

  it('resumes without help and loses or repeats nothing', async () => {
    const before = cohort('B1', { mentors: 3, students: 10 });
    const after = cohort('B2', { mentors: 3, students: 10 });
    await registerCohort(pipeline, before);
    await registerCohort(pipeline, after);

    await publishGrades(pipeline, lowSummativesOf(before));
    await waitUntilBegun(pipeline, 'mentor-matching', before, 'SELECT count(*)::int AS n FROM cases WHERE student_id = ANY($1)');
    await restartBroker();
    await publishGrades(pipeline, lowSummativesOf(after));

    for (const burst of [before, after]) await acceptCases(pipeline, await waitUntilMatched(pipeline, burst));
    await waitUntilQuiet(pipeline);

    await expectEveryStudentServedOnce(pipeline, together(before, after), caseEvents(), { mailRepeatedWithSameMessageId: false });
  });
});
