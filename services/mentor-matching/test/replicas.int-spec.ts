import { waitUntil } from '@mentoring/testing';
import { addMentors, CaseEventLog, dataSourceOf, http, MatchingService, mentorBody, MONDAY_MORNING, MovableClock, riskEvent, RiskFeed, startMatching } from './support';

const MENTORS = 5;
const CAPACITY = 4;
const STUDENTS = 40;

describe('mentor-matching: three replicas racing on one database', () => {
  const clock = new MovableClock(MONDAY_MORNING);
  let replicas: MatchingService[] = [];
  let feed: RiskFeed;
  let log: CaseEventLog;

  beforeAll(async () => {
    const first = await startMatching({ clock });
    const others = await Promise.all([1, 2].map(() => startMatching({ clock, database: first.database, namespace: first.namespace })));
    replicas = [first, ...others];
    await addMentors(first, Array.from({ length: MENTORS }, (_, index) => mentorBody(`R-${index + 1}`, { maxOpenCases: CAPACITY })));
    feed = await RiskFeed.open(first.namespace);
    log = await CaseEventLog.open(first.namespace);
  });

  afterAll(async () => {
    await log?.close();
    await feed?.close();
    // The first replica created the database and drops it, so it goes last.
    for (const replica of [...replicas].reverse()) await replica.close();
  });

  const database = () => dataSourceOf(replicas[0]);

  /** Nothing queued, nothing open, every event published and read. */
  const settled = () =>
    waitUntil('matching has settled', async () => {
      const [state] = await database().query(
        `SELECT
           (SELECT count(*)::int FROM cases WHERE status = 'open' OR (status = 'waitlisted' AND match_requested_at IS NOT NULL)) AS pending,
           (SELECT count(*)::int FROM outbox WHERE sent_at IS NULL) AS unsent,
           (SELECT count(*)::int FROM case_history WHERE event_id IS NOT NULL) AS events`,
      );
      return state.pending === 0 && state.unsent === 0 && log.events.length === state.events;
    });

  const assertInvariants = async () => {
    const mentors = await database().query(
      `SELECT m.id, m.open_cases, m.max_open_cases,
              (SELECT count(*)::int FROM cases c WHERE c.mentor_id = m.id AND c.status IN ('matched', 'active')) AS holding
       FROM mentors m`,
    );
    for (const mentor of mentors) {
      expect(mentor.open_cases).toBeLessThanOrEqual(mentor.max_open_cases);
      expect(mentor.open_cases).toBe(mentor.holding);
    }
    const doubles = await database().query(`SELECT student_id FROM cases WHERE status <> 'closed' GROUP BY student_id HAVING count(*) > 1`);
    expect(doubles).toEqual([]);
    const backToLeaver = await database().query(`SELECT id FROM cases WHERE status IN ('matched', 'active') AND mentors_who_left ? mentor_id`);
    expect(backToLeaver).toEqual([]);
    const offersPerCase = await database().query(`SELECT case_id, count(*)::int AS offers FROM case_offers GROUP BY case_id`);
    const offerEvents = new Map<string, number>();
    for (const event of [...log.of('matched'), ...log.of('reassigned')]) {
      offerEvents.set(event.data.caseId, (offerEvents.get(event.data.caseId) ?? 0) + 1);
    }
    expect(new Map(offersPerCase.map((row: { case_id: string; offers: number }) => [row.case_id, row.offers]))).toEqual(offerEvents);
    return mentors;
  };

  it('never exceeds capacity, opens one case per student and matches each case once, whatever the redelivery', async () => {
    const events = Array.from({ length: STUDENTS }, (_, index) => riskEvent(`P-${String(index + 1).padStart(2, '0')}`));
    await feed.send(...events);
    await feed.send(...events);
    await waitUntil('every risk event was consumed', async () => {
      const [{ consumed }] = await database().query(`SELECT count(*)::int AS consumed FROM inbox WHERE event_id = ANY($1)`, [events.map((event) => event.id)]);
      return consumed === STUDENTS;
    });
    await settled();

    expect(log.of('opened')).toHaveLength(STUDENTS);
    expect(log.of('matched')).toHaveLength(MENTORS * CAPACITY);
    expect(log.of('waitlisted')).toHaveLength(STUDENTS - MENTORS * CAPACITY);
    expect(new Set(log.of('matched').map((event) => event.data.caseId)).size).toBe(MENTORS * CAPACITY);
    const mentors = await assertInvariants();
    expect(mentors.every((mentor: { open_cases: number }) => mentor.open_cases === CAPACITY)).toBe(true);
  });

  it('keeps every mentor within capacity when all of them decline at once, through different replicas', async () => {
    const matched: Array<{ id: string; mentor_id: string }> = await database().query(`SELECT id, mentor_id FROM cases WHERE status = 'matched'`);
    const responses = await Promise.all(
      matched.map(async (row, index) => {
        const replica = replicas[index % replicas.length];
        const mentor = await replica.bearer('mentor', row.mentor_id);
        return http(replica).post(`/v1/cases/${row.id}/decline`).set('authorization', mentor).send({ reason: 'Exam board all week' });
      }),
    );
    expect(responses.map((response) => response.status)).toEqual(matched.map(() => 200));
    await settled();

    await assertInvariants();
    const [{ held }] = await database().query(`SELECT count(*)::int AS held FROM cases WHERE status = 'matched'`);
    expect(held).toBe(MENTORS * CAPACITY);
    expect(log.of('declined')).toHaveLength(matched.length);
  });
});
