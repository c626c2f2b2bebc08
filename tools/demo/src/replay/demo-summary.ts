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

/** Flagged students whose first attended meeting came within `days` of the flag, among cases that old. */
export interface MetWithin {
  days: number;
  cases: number;
  met: number;
  share: number | null;
}

/** What happened after the introductions: bookings, stalls, meetings and nudges. */
export interface FollowThroughSummary {
  /** How far the demo moved the development clock (0 when the platform has none). */
  clockMovedDays: number;
  /** Pairs whose prompt mentor booked the first meeting. */
  booked: number;
  /** Accepted pairs that never book, chosen by the seed, for the platform to notice. */
  stalledOnPurpose: number;
  sessionsLogged: number;
  metWithin7Days: MetWithin;
  metWithin14Days: MetWithin;
  flagToFirstMeeting: DurationSummary;
  /** Nudges mentor-matching sent for stalled pairs (its mentoring_nudges_total). */
  nudges: number;
}

export interface DemoSummary {
  cohort: { students: number; mentors: number; coordinators: number; feedRecords: number; feedByKind: Record<FeedKind, number> };
  final: PipelineSnapshot;
  /** Cases waiting for a mentor (the coordinator's waitlist). */
  waitlist: number;
  /** Cases the demo's responsive mentors accepted, which is when the student is introduced. */
  acceptedByMentors: number;
  followThrough: FollowThroughSummary;
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
    ...followThroughLines(summary.followThrough),
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

function followThroughLines(follow: FollowThroughSummary): string[] {
  return [
    follow.clockMovedDays > 0
      ? `Follow-through (the development clock moved ${follow.clockMovedDays} days on, so meetings, reminders and nudges happened)`
      : 'Follow-through (no development clock: time did not move, so no meeting has taken place yet)',
    `  first meeting booked by the mentor ${follow.booked}, pairs stalled on purpose ${follow.stalledOnPurpose}, sessions logged ${follow.sessionsLogged}`,
    `  met within 7 days: ${metWithinLine(follow.metWithin7Days)}; within 14 days: ${metWithinLine(follow.metWithin14Days)}`,
    `  flag -> first meeting: ${durationLine(follow.flagToFirstMeeting, 'no case has met yet')}`,
    `  nudges sent for stalled pairs: ${follow.nudges}`,
  ];
}

function metWithinLine(within: MetWithin): string {
  if (within.share === null) return `no case flagged ${within.days} days ago yet`;
  return `${within.met} of ${within.cases} flagged students (${percent(within.met, within.cases)})`;
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

function durationLine(duration: DurationSummary, none = 'no case contacted yet'): string {
  if (duration.count === 0 || duration.medianHours === null || duration.p90Hours === null) return none;
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
