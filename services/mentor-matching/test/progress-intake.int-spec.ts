import type { RiskReasonV1 } from '@mentoring/contracts';
import { waitUntil } from '@mentoring/testing';
import { addMentors, CaseEventLog, dataSourceOf, http, MatchingService, mentorBody, MONDAY_MORNING, MovableClock, riskEvent, RiskFeed, startMatching } from './support';

const IMPROVED: RiskReasonV1 = {
  code: 'improved',
  value: 74,
  threshold: null,
  gradeIds: ['g-3', 'g-4'],
  summary: 'Moved from at-risk to watch, with a summative average of 74%. A good moment to recognise the progress.',
};

describe('mentor-matching: what a better standing means for a case', () => {
  const clock = new MovableClock(MONDAY_MORNING);
  let service: MatchingService;
  let feed: RiskFeed;
  let log: CaseEventLog;

  beforeAll(async () => {
    service = await startMatching({ clock });
    await addMentors(service, [mentorBody('M-A', { maxOpenCases: 4 })]);
    feed = await RiskFeed.open(service.namespace);
    log = await CaseEventLog.open(service.namespace);
  });

  afterAll(async () => {
    await log?.close();
    await feed?.close();
    await service?.close();
  });

  const caseOf = async (studentId: string) => {
    const [row]: Array<{ id: string; status: string; risk_level: string; outcome: string | null }> = await dataSourceOf(service).query(
      `SELECT id, status, risk_level, outcome FROM cases WHERE student_id = $1 ORDER BY opened_at DESC LIMIT 1`,
      [studentId],
    );
    return row;
  };

  // Every published case event and every quiet change is in the history, written with the change.
  const historyOf = async (caseId: string): Promise<string[]> => {
    const rows: Array<{ kind: string }> = await dataSourceOf(service).query(`SELECT kind FROM case_history WHERE case_id = $1 ORDER BY id`, [caseId]);
    return rows.map((row) => row.kind);
  };
  const afterStandingUpdate = (caseId: string) =>
    waitUntil('the new standing kept on the case', async () => {
      const kinds = await historyOf(caseId);
      return kinds.includes('standing-updated') ? kinds : undefined;
    });

  it('keeps a case open, without kudos, when a policy change moves the student to ok', async () => {
    await feed.send(riskEvent('S-P1'));
    await log.waitFor('matched', 'S-P1');

    await feed.send(riskEvent('S-P1', { level: 'ok', previousLevel: 'at-risk', cause: 'policy', reasons: [] }));

    const { id: caseId } = await caseOf('S-P1');
    const history = await afterStandingUpdate(caseId);
    expect(history).not.toContain('closed');
    expect(await caseOf('S-P1')).toMatchObject({ status: 'matched', risk_level: 'ok', outcome: null });
  });

  it('closes a case nobody has taken on as improved when the student’s marks make them fine again', async () => {
    await feed.send(riskEvent('S-P2'));
    await log.waitFor('matched', 'S-P2');

    await feed.send(riskEvent('S-P2', { level: 'ok', previousLevel: 'at-risk', cause: 'grade', reasons: [IMPROVED] }));

    const closed = await log.waitFor('closed', 'S-P2');
    expect(closed.data).toMatchObject({ status: 'closed', outcome: 'improved' });
  });

  it('notes progress on an active case when marks improve, and keeps the case going', async () => {
    await feed.send(riskEvent('S-P3'));
    await log.waitFor('matched', 'S-P3');
    const { id: caseId } = await caseOf('S-P3');
    await http(service).post(`/v1/cases/${caseId}/accept`).set('authorization', await service.bearer('mentor', 'M-A')).expect(200);

    await feed.send(riskEvent('S-P3', { level: 'watch', previousLevel: 'at-risk', cause: 'grade', reasons: [IMPROVED] }));

    const noted = await log.waitFor('progress-noted', 'S-P3');
    expect(noted.data).toMatchObject({ status: 'active', riskLevel: 'watch', mentor: { id: 'M-A' }, reasons: [expect.objectContaining({ code: 'improved' })] });
    expect(await caseOf('S-P3')).toMatchObject({ status: 'active', outcome: null });
  });

  it('notes no progress on an active case when a policy change lowers the level', async () => {
    await feed.send(riskEvent('S-P4'));
    await log.waitFor('matched', 'S-P4');
    const { id: caseId } = await caseOf('S-P4');
    await http(service).post(`/v1/cases/${caseId}/accept`).set('authorization', await service.bearer('mentor', 'M-A')).expect(200);

    await feed.send(riskEvent('S-P4', { level: 'ok', previousLevel: 'at-risk', cause: 'policy', reasons: [IMPROVED] }));

    const history = await afterStandingUpdate(caseId);
    expect(history).not.toContain('progress-noted');
    expect(history).not.toContain('closed');
    expect(await caseOf('S-P4')).toMatchObject({ status: 'active', outcome: null });
  });
});
