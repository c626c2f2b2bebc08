import { NO_PROGRAMMES_MESSAGE } from '@mentoring/auth';
import { TOPICS } from '@mentoring/contracts';
import { waitUntil } from '@mentoring/testing';
import { DateTime } from 'luxon';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { gradeRecorded, RiskEventLog, RiskScoringService, startRiskScoring, TestPublisher } from './support';

/** One grade and the standing change it causes, announced `weeksAgo` ISO weeks before this one. */
interface Move {
  percentage: number;
  level: string;
  weeksAgo: number;
}

// Each student's grades, in order; every grade changes the standing. Expected per ISO week:
// TRENDA two weeks ago: flagged 2 (the escalation to urgent is not a second flag); last week:
// flagged 2 (T-twice once, though flagged twice), back to ok 3; this week: flagged 1.
const SCENARIO: Array<{ studentId: string; program: string; moves: Move[] }> = [
  { studentId: 'T-flagged-then-ok', program: 'TRENDA', moves: [{ percentage: 50, level: 'watch', weeksAgo: 2 }, { percentage: 90, level: 'ok', weeksAgo: 1 }] },
  { studentId: 'T-escalated', program: 'TRENDA', moves: [{ percentage: 50, level: 'watch', weeksAgo: 2 }, { percentage: 48, level: 'urgent', weeksAgo: 2 }] },
  { studentId: 'T-in-and-out', program: 'TRENDA', moves: [{ percentage: 50, level: 'watch', weeksAgo: 1 }, { percentage: 90, level: 'ok', weeksAgo: 1 }] },
  {
    studentId: 'T-twice',
    program: 'TRENDA',
    moves: [{ percentage: 50, level: 'watch', weeksAgo: 1 }, { percentage: 90, level: 'ok', weeksAgo: 1 }, { percentage: 40, level: 'at-risk', weeksAgo: 1 }],
  },
  { studentId: 'T-now', program: 'TRENDA', moves: [{ percentage: 50, level: 'watch', weeksAgo: 0 }] },
  { studentId: 'T-other-programme', program: 'TRENDB', moves: [{ percentage: 50, level: 'watch', weeksAgo: 0 }] },
];

describe('risk-scoring: GET /v1/reports/flag-trend', () => {
  let service: RiskScoringService;
  let publisher: TestPublisher;
  let riskEvents: RiskEventLog;
  let dataSource: DataSource;

  const thisMonday = DateTime.utc().startOf('week');

  const weekOf = (weeksAgo: number) => {
    const monday = thisMonday.minus({ weeks: weeksAgo });
    return { week: monday.toFormat("kkkk-'W'WW"), weekStarting: monday.toISODate() };
  };

  /** The report's body, once it answered `status`. */
  const trend = async (query: string, status: number, role: 'coordinator' | 'ops' | 'mentor' = 'coordinator', programmes = ['TRENDA']) =>
    (await request(service.app.getHttpServer()).get(`/v1/reports/flag-trend${query}`).set('authorization', await service.bearer(role, `${role}-test`, programmes)).expect(status)).body;

  const fieldsOf = (body: { problems: Array<{ field: string }> }) => [...new Set(body.problems.map((problem) => problem.field))];

  beforeAll(async () => {
    service = await startRiskScoring({ label: 'risk_flag_trend' });
    dataSource = service.app.get(DataSource);
    publisher = await TestPublisher.connect(service.namespace);
    riskEvents = await RiskEventLog.start(service.namespace);
    await Promise.all(SCENARIO.map(scoreAndBackdate));
  });

  afterAll(async () => {
    await riskEvents?.stop();
    await publisher?.disconnect();
    await service?.close();
  });

  /**
   * The consumer scores the grades and writes the changes; then each change is moved to a
   * Wednesday of its week, as if announced then (the service stamps changes with its own clock).
   */
  async function scoreAndBackdate({ studentId, program, moves }: (typeof SCENARIO)[number]): Promise<void> {
    const gradedAt = (index: number) => new Date(Date.now() - (moves.length - index) * 1_000).toISOString();
    await publisher.publish(
      TOPICS.gradesRecorded,
      moves.map(({ percentage }, index) => gradeRecorded({ studentId, program, yearOfStudy: 1, percentage, gradedAt: gradedAt(index) })),
    );
    const events = await waitUntil(`${moves.length} risk events for ${studentId}`, () => riskEvents.for(studentId).length >= moves.length && riskEvents.for(studentId));
    expect(events.map((event) => event.data.level)).toEqual(moves.map((move) => move.level));
    for (const [index, { weeksAgo }] of moves.entries()) {
      if (weeksAgo === 0) continue;
      const announcedAt = thisMonday.minus({ weeks: weeksAgo }).plus({ days: 2, minutes: index }).toJSDate();
      await dataSource.query('UPDATE standing_changes SET assessed_at = $1 WHERE event_id = $2', [announcedAt, events[index].id]);
    }
  }

  it('counts each student once per week and direction, and a move between flagged levels as neither', async () => {
    const report = await trend('?program=TRENDA&weeks=3', 200);

    expect(report.weeks).toBe(3);
    expect(report.groups).toEqual([
      { program: 'TRENDA', ...weekOf(2), flagged: 2, backToOk: 0 },
      { program: 'TRENDA', ...weekOf(1), flagged: 2, backToOk: 3 },
      { program: 'TRENDA', ...weekOf(0), flagged: 1, backToOk: 0 },
    ]);
  });

  it('reports every programme over the last 8 weeks by default, quiet weeks as zero', async () => {
    const report = await trend('', 200, 'ops');

    expect(report.weeks).toBe(8);
    const rowsOf = (program: string) => report.groups.filter((row: { program: string }) => row.program === program);
    expect(rowsOf('TRENDA')).toHaveLength(8);
    expect(rowsOf('TRENDB').map((row: { weekStarting: string }) => row.weekStarting)).toEqual([7, 6, 5, 4, 3, 2, 1, 0].map((weeksAgo) => weekOf(weeksAgo).weekStarting));
    expect(rowsOf('TRENDB').map((row: { flagged: number; backToOk: number }) => [row.flagged, row.backToOk])).toEqual([...Array(7).fill([0, 0]), [1, 0]]);
  });

  it('leaves weeks before the window out', async () => {
    const report = await trend('?program=TRENDA&weeks=1', 200);

    expect(report.groups).toEqual([{ program: 'TRENDA', ...weekOf(0), flagged: 1, backToOk: 0 }]);
  });

  it("shows a coordinator only their own programmes, and refuses another programme or a token without programmes", async () => {
    const own = await trend('', 200);
    expect(new Set(own.groups.map((row: { program: string }) => row.program))).toEqual(new Set(['TRENDA']));
    expect((await trend('?program=TRENDB', 403)).message).toBe('This coordinator is not responsible for programme "TRENDB"');
    expect((await trend('', 403, 'coordinator', [])).message).toBe(NO_PROGRAMMES_MESSAGE);
  });

  it('answers 400 naming each invalid field, and 403 to a mentor', async () => {
    expect(fieldsOf(await trend('?program=trenda&weeks=53', 400))).toEqual(['program', 'weeks']);
    expect(await trend('?weeks=0', 400)).toMatchObject({ problems: [{ field: 'weeks', problem: 'must be at least 1' }] });
    expect(fieldsOf(await trend('?weeks=two', 400))).toEqual(['weeks']);
    await trend('', 403, 'mentor');
  });
});
