import { Pipeline, waitUntil } from '@mentoring/testing';
import { buildChains, hopLatencies } from '../e2e-chains';
import { EndToEndFigures } from '../report';
import { sleepUntil } from '../clock';
import { lowSummatives } from '../workload';
import { postGrades } from './ingest';
import { TopicRecorder } from './topic-recorder';

export const E2E_PREFIX = 'e2e';

const TICK_MS = 100;
const GRADES_PER_STUDENT = 2;

export interface EndToEndSettings {
  students: number;
  /** Offered load in grades per second. */
  rate: number;
  timeoutMs: number;
}

/**
 * A burst like exam results: every student gets two low summatives, sent as REST batches at a
 * fixed rate. Requests go out on schedule whether or not earlier ones were answered (an open
 * load), so a slow pipeline shows as latency instead of quietly lowering the load.
 */
export async function runEndToEnd(pipeline: Pipeline, recorder: TopicRecorder, settings: EndToEndSettings): Promise<EndToEndFigures> {
  const perTick = Math.max(1, Math.round((settings.rate * TICK_MS) / 1000 / GRADES_PER_STUDENT));
  const gradedAt = new Date(Date.now() - 60 * 60 * 1000);
  const startedAt = Date.now();
  // Failures are caught as they happen: an answer may arrive while later requests are still waiting to go out.
  const requests: Promise<number | Error>[] = [];
  for (let first = 0, tick = 0; first < settings.students; first += perTick, tick += 1) {
    await sleepUntil(startedAt + tick * TICK_MS);
    const students = Array.from({ length: Math.min(perTick, settings.students - first) }, (_, offset) => first + offset);
    requests.push(postGrades(pipeline, students.flatMap((student) => lowSummatives(E2E_PREFIX, student, gradedAt))).catch((error: Error) => error));
  }
  const failed = (await Promise.all(requests)).find((outcome): outcome is Error => outcome instanceof Error);
  if (failed) throw failed;
  await waitForMentorEmails(recorder, settings);
  return figures(recorder, settings, perTick);
}

/**
 * Waits for every student's mentor email to be sent; only chains still without one when time runs
 * out (e.g. a mentor in quiet hours) fall back to their first dispatched outcome.
 */
async function waitForMentorEmails(recorder: TopicRecorder, settings: EndToEndSettings): Promise<void> {
  const emailed = () => buildChains(recorder.stageEvents).complete.filter((chain) => chain.preferredDelivery).length;
  await waitUntil('every student of the burst has a mentor email sent', () => emailed() >= settings.students, {
    timeoutMs: settings.timeoutMs,
    intervalMs: 250,
  }).catch(() => undefined);
}

function figures(recorder: TopicRecorder, settings: EndToEndSettings, perTick: number): EndToEndFigures {
  const chains = buildChains(recorder.stageEvents);
  return {
    students: settings.students,
    grades: settings.students * GRADES_PER_STUDENT,
    offeredGradesPerSecond: (perTick * GRADES_PER_STUDENT * 1000) / TICK_MS,
    chainsStarted: chains.started,
    chainsComplete: chains.complete.length,
    fallbackDeliveries: chains.complete.filter((chain) => !chain.preferredDelivery).length,
    hopsMs: hopLatencies(chains.complete),
  };
}
