import type { RiskLevel } from '@mentoring/contracts';
import type { FeedChannel, FeedKind } from '../cohort';
import { answered, ChannelTally, GRADE_OUTCOMES } from './channel-tally';
import { LatencySummary } from './pipeline-events';
import { PipelineSnapshot, totalDelivered, totalOf } from './snapshot';

const CHANNEL_NAMES: Readonly<Record<FeedChannel, string>> = { rest: 'REST', kafka: 'Kafka', oneroster: 'OneRoster' };
const LEVELS: readonly RiskLevel[] = ['ok', 'watch', 'at-risk', 'urgent'];

export interface DurationSummary {
  count: number;
  medianHours: number | null;
  p90Hours: number | null;
}

/** Where a person looks next. */
export interface Link {
  label: string;
  url: string;
}

export interface DemoSummary {
  cohort: { students: number; mentors: number; coordinators: number; feedRecords: number; feedByKind: Record<FeedKind, number> };
  final: PipelineSnapshot;
  /** Cases waiting for a mentor (the coordinator's waitlist). */
  waitlist: number;
  /** Cases the demo's responsive mentors accepted, which is when the student is introduced. */
  acceptedByMentors: number;
  flagToFirstContact: DurationSummary;
  gradeToEmail: LatencySummary;
  elapsedMs: number;
  links: Link[];
  /** How to sign in to the console (empty when it does not run). */
  consoleSignIn: string[];
}

/** The one line the terminal shows while the replay runs. */
export function formatProgress(snapshot: PipelineSnapshot, elapsedMs: number): string {
  const channels = (Object.keys(CHANNEL_NAMES) as FeedChannel[]).map((channel) => {
    const tally = snapshot.grades[channel];
    return `${CHANNEL_NAMES[channel]} ${answered(tally)}/${tally.sent} (${tally.outcomes.rejected} rej)`;
  });
  const { standings, cases } = snapshot;
  return [
    `${seconds(elapsedMs)}`,
    `grades ${channels.join(' ')}`,
    `standings ${totalOf(standings)} (${standings.watch} watch, ${standings['at-risk'] + standings.urgent} at-risk/urgent)`,
    `cases ${totalOf(cases)} (${cases.matched + cases.active} matched, ${cases.waitlisted} waitlisted)`,
    `delivered ${totalDelivered(snapshot.delivered)}`,
  ].join(' | ');
}

/** The closing summary, for a person reading a terminal. */
export function formatDemoSummary(summary: DemoSummary): string {
  const { cohort, final } = summary;
  return [
    '',
    `Demo replay finished in ${seconds(summary.elapsedMs)}: ${cohort.students} students, ${cohort.mentors} mentors, ${cohort.coordinators} coordinators.`,
    `Registrar feed: ${cohort.feedRecords} records (${Object.entries(cohort.feedByKind).map(([kind, count]) => `${count} ${kind}`).join(', ')})`,
    '',
    'Grades (per channel: sent -> what grade-ingest made of them)',
    ...gradeLines(final),
    '',
    `Standings (${totalOf(final.standings)} students assessed)`,
    `  ${LEVELS.map((level) => `${level} ${final.standings[level]} (${percent(final.standings[level], totalOf(final.standings))})`).join(', ')}`,
    '',
    `Mentoring cases: ${totalOf(final.cases)} opened`,
    `  matched to a mentor ${final.cases.matched + final.cases.active} (accepted by the mentor ${summary.acceptedByMentors}), waitlisted ${summary.waitlist}, closed ${final.cases.closed}`,
    `  flag -> first contact (mentor accepts): ${durationLine(summary.flagToFirstContact)}`,
    '',
    `Messages delivered: ${totalDelivered(final.delivered)}`,
    `  email: ${recipientCounts(final.delivered.email)}`,
    `  in-app inbox: ${recipientCounts(final.delivered.inbox)}`,
    `  grade accepted -> email sent: ${latencyLine(summary.gradeToEmail)}`,
    '',
    ...(summary.consoleSignIn.length > 0 ? [...summary.consoleSignIn, ''] : []),
    'Where to look next',
    ...summary.links.map((link) => `  ${link.label.padEnd(28)} ${link.url}`),
  ].join('\n');
}

function gradeLines(snapshot: PipelineSnapshot): string[] {
  return (Object.keys(CHANNEL_NAMES) as FeedChannel[]).flatMap((channel) => {
    const tally = snapshot.grades[channel];
    const lines = [`  ${CHANNEL_NAMES[channel].padEnd(10)} ${String(tally.sent).padStart(6)} sent: ${outcomeCounts(tally)}`];
    if (tally.outcomes.rejected > 0) lines.push(`  ${''.padEnd(10)} rejected for: ${fieldCounts(tally.rejectedFields)}`);
    return lines;
  });
}

function outcomeCounts(tally: ChannelTally): string {
  return GRADE_OUTCOMES.map((outcome) => `${outcome} ${tally.outcomes[outcome]}`).join(', ');
}

function fieldCounts(fields: Readonly<Record<string, number>>): string {
  const entries = Object.entries(fields).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? 'see the dead letters (npm run ops -- dlq list grade-ingest)' : entries.map(([field, count]) => `${field} ${count}`).join(', ');
}

function recipientCounts(counts: Readonly<Record<string, number>>): string {
  return Object.entries(counts)
    .map(([role, count]) => `${count} to ${role}s`)
    .join(', ');
}

function durationLine(duration: DurationSummary): string {
  if (duration.count === 0 || duration.medianHours === null || duration.p90Hours === null) return 'no case contacted yet';
  return `median ${hours(duration.medianHours)}, p90 ${hours(duration.p90Hours)} over ${duration.count} cases`;
}

function latencyLine(latency: LatencySummary): string {
  if (latency.count === 0 || latency.p50Ms === null || latency.p99Ms === null) return 'no email traced to a grade';
  return `p50 ${seconds(latency.p50Ms)}, p99 ${seconds(latency.p99Ms)} over ${latency.count} emails`;
}

function hours(value: number): string {
  return value < 1 ? `${Math.round(value * 60)} min` : `${value.toFixed(1)} h`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function percent(part: number, whole: number): string {
  return `${((100 * part) / Math.max(1, whole)).toFixed(1)}%`;
}
