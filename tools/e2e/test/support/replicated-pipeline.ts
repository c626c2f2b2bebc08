import { TOPICS } from '@mentoring/contracts';
import { Pipeline, PipelineOptions, recordTopics, TopicRecorder } from '@mentoring/testing';

export interface ReplicatedPipeline {
  pipeline: Pipeline;
  /** Every case event the suite's pipeline published, for the exactly-once checks. */
  caseEvents(): TopicRecorder;
}

/**
 * Registers the suite's set-up and tear-down: two processes of every service and a recorder of
 * the case-events topic. `beforeStop` runs first in tear-down, whatever the test left behind.
 */
export function replicatedPipeline(options: PipelineOptions = {}, beforeStop?: () => Promise<unknown>): ReplicatedPipeline {
  const pipeline = new Pipeline(options);
  let recorder: TopicRecorder | undefined;

  beforeAll(async () => {
    await pipeline.start(2);
    recorder = await recordTopics(pipeline, [TOPICS.mentoringCaseEvents]);
  });

  afterAll(async () => {
    await beforeStop?.();
    await recorder?.stop();
    await pipeline.stop();
  });

  return {
    pipeline,
    caseEvents: () => {
      if (!recorder) throw new Error('the pipeline has not started');
      return recorder;
    },
  };
}
