import { cohort, lowSummativesOf, postGrades, publishGrades, registerCohort } from '@mentoring/testing';
import { expectEveryStudentServedOnce } from './support/exactly-once';
import { replicatedPipeline } from './support/replicated-pipeline';
import { acceptCases, waitUntilMatched, waitUntilQuiet } from './support/pipeline-state';

// Two processes of every service race over the same burst: consumers share partitions, relays
// compete for leadership, matchers and email workers claim the same rows. Each student must still
// get one case, one mentor, one email to that mentor and one invitation after the acceptance.
describe('two replicas of every service', () => {
  const { pipeline, caseEvents } = replicatedPipeline();

  it('serves every student of a burst exactly once', async () => {
    const burst = cohort('R', { mentors: 4, students: 12 });
    await registerCohort(pipeline, burst);
    // Half the registrar's grades over REST, half on its Kafka topic, at the same time.
    const half = burst.students.length / 2;
    await Promise.all([
      postGrades(pipeline, lowSummativesOf({ ...burst, students: burst.students.slice(0, half) })),
      publishGrades(pipeline, lowSummativesOf({ ...burst, students: burst.students.slice(half) })),
    ]);

    await acceptCases(pipeline, await waitUntilMatched(pipeline, burst));
    await waitUntilQuiet(pipeline);

    await expectEveryStudentServedOnce(pipeline, burst, caseEvents(), { mailRepeatedWithSameMessageId: false });
  });
});
