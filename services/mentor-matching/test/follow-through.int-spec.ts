import { CaseEventV1, EventEnvelope } from '@mentoring/contracts';
import { createTestDatabase, TestDatabase, uniqueName, waitUntil } from '@mentoring/testing';
import { addMentors, CaseEventLog, coordinatorBearer, dataSourceOf, http, MatchingService, mentorBody, MONDAY_MORNING, MovableClock, riskEvent, RiskFeed, startMatching } from './support';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const MINUTE_MS = 60_000;

interface Slot {
  start: string;
  end: string;
}

/**
 * Meeting reminders and nudges are durable timers: each must fire once in effect whichever replica
 * claims it and across a restart, and find nothing to do once the meeting moved, was called off or
 * the pair is no longer stalled. The clock walks a case from acceptance through four weeks.
 */
describe('mentor-matching: reminders before meetings and nudges for stalled pairs', () => {
  const clock = new MovableClock(MONDAY_MORNING);
  const namespace = uniqueName('mentor-matching-follow-through');
  let database: TestDatabase;
  let replicas: MatchingService[] = [];
  let feed: RiskFeed;
  let log: CaseEventLog;
  const caseOf: Record<string, string> = {};
  const mentorOf: Record<string, string> = {};
  const meetingOf: Record<string, Slot> = {};
  let slotsOffered: Record<string, Slot[]> = {};

  const startReplicas = async () => {
    replicas = await Promise.all([1, 2].map(() => startMatching({ clock, database, namespace })));
  };
  const stopReplicas = async () => {
    for (const replica of replicas) await replica.close();
    replicas = [];
  };

  beforeAll(async () => {
    database = await createTestDatabase('mentor-matching-follow-through');
    await startReplicas();
    await addMentors(replicas[0], ['FT-1', 'FT-2', 'FT-3', 'FT-4'].map((id) => mentorBody(id, { maxOpenCases: 1 })));
    feed = await RiskFeed.open(namespace);
    log = await CaseEventLog.open(namespace);
  });

  afterAll(async () => {
    await log?.close();
    await feed?.close();
    await stopReplicas();
    await database?.drop();
  });

  const service = () => replicas[0];
  const query = (sql: string, parameters: unknown[] = []) => dataSourceOf(service()).query(sql, parameters);
  const advanceTo = (instant: Date) => {
    const hours = (instant.getTime() - clock.now().getTime()) / HOUR_MS;
    if (hours > 0) clock.advanceHours(hours);
  };
  const at = (start: string, offsetMs: number) => new Date(Date.parse(start) + offsetMs);

  /** Every timer due by the test clock has fired and every event has been published and read. */
  const settled = () =>
    waitUntil('timers and events have settled', async () => {
      const [state] = await query(
        `SELECT
           (SELECT count(*)::int FROM case_timers WHERE fired_at IS NULL AND due_at <= $1) AS due,
           (SELECT count(*)::int FROM outbox WHERE sent_at IS NULL) AS unsent,
           (SELECT count(*)::int FROM case_history WHERE event_id IS NOT NULL) AS events`,
        [clock.now()],
      );
      return state.due === 0 && state.unsent === 0 && log.events.length === state.events;
    });

  const reminders = (studentId: string) => log.of('meeting-reminder-due', studentId).map((event: EventEnvelope<CaseEventV1>) => event.data);
  const nudges = (studentId: string) => log.of('nudge-due', studentId).map((event) => event.data.nudge);
  const mentorBearer = (studentId: string) => service().bearer('mentor', mentorOf[studentId]);
  const confirm = async (studentId: string, slot: Slot) =>
    http(service()).post(`/v1/cases/${caseOf[studentId]}/slots/confirm`).set('authorization', await service().bearer('student', studentId)).send(slot).expect(200);

  it('books, moves and cancels meetings of four accepted students', async () => {
    for (const studentId of ['S-1', 'S-2', 'S-3', 'S-4']) {
      await feed.send(riskEvent(studentId));
      const matched = await log.waitFor('matched', studentId);
      caseOf[studentId] = matched.data.caseId;
      mentorOf[studentId] = matched.data.mentor?.id ?? '';
      await http(service()).post(`/v1/cases/${caseOf[studentId]}/accept`).set('authorization', await mentorBearer(studentId)).expect(200);
      const accepted = await log.waitFor('accepted', studentId);
      expect(accepted.data.proposedSlots.length).toBeGreaterThanOrEqual(3);
      slotsOffered = { ...slotsOffered, [studentId]: accepted.data.proposedSlots.map(({ start, end }) => ({ start, end })) };
    }

    // S-1 books their last slot; S-2 books one and moves it later; S-3 books one and calls it off; S-4 books nothing.
    meetingOf['S-1'] = slotsOffered['S-1'].at(-1) as Slot;
    await confirm('S-1', meetingOf['S-1']);
    const first = slotsOffered['S-2'][1];
    const last = slotsOffered['S-2'].at(-1) as Slot;
    await confirm('S-2', first);
    await confirm('S-2', last);
    meetingOf['S-2'] = last;
    const moved = await log.waitFor('slot-confirmed', 'S-2', (event) => event.meeting?.sequence === 1);
    expect(moved.data.meeting?.start).toBe(last.start);
    await confirm('S-3', slotsOffered['S-3'][1]);
    await http(service()).post(`/v1/cases/${caseOf['S-3']}/meeting/cancel`).set('authorization', await service().bearer('student', 'S-3')).send({ reason: 'Exam clash' }).expect(200);
    await log.waitFor('meeting-cancelled', 'S-3');
    await settled();
    expect(log.of('meeting-reminder-due')).toEqual([]);
  });

  it('reminds 24 hours ahead once across two replicas, and an hour ahead once after a restart', async () => {
    advanceTo(at(meetingOf['S-1'].start, -DAY_MS + MINUTE_MS));
    await settled();
    expect(reminders('S-1')).toEqual([expect.objectContaining({ reminder: { leadMinutes: 1440 }, meeting: expect.objectContaining({ start: meetingOf['S-1'].start }) })]);

    await stopReplicas();
    advanceTo(at(meetingOf['S-1'].start, -HOUR_MS + MINUTE_MS));
    await startReplicas();
    await settled();
    expect(reminders('S-1').map((event) => event.reminder?.leadMinutes)).toEqual([1440, 60]);
    expect(reminders('S-1').every((event) => event.mentor?.id === mentorOf['S-1'] && event.student.id === 'S-1')).toBe(true);
    const [row] = await query(`SELECT reminders_sent FROM cases WHERE id = $1`, [caseOf['S-1']]);
    expect(row.reminders_sent.map((sent: { leadMinutes: number }) => sent.leadMinutes)).toEqual([1440, 60]);
  });

  it('proposes the next meeting per the cadence once the session is logged', async () => {
    advanceTo(at(meetingOf['S-1'].start, 45 * MINUTE_MS));
    await http(service())
      .post(`/v1/cases/${caseOf['S-1']}/sessions`)
      .set('authorization', await mentorBearer('S-1'))
      .send({ outcome: 'attended', occurredAt: meetingOf['S-1'].start })
      .expect(200);
    const proposed = await log.waitFor('slots-proposed', 'S-1');
    const cadenceDue = Date.parse(meetingOf['S-1'].start) + 7 * DAY_MS;
    expect(proposed.data.proposedSlots.length).toBeGreaterThan(0);
    expect(proposed.data.proposedSlots.every((slot) => Date.parse(slot.start) >= cadenceDue - DAY_MS)).toBe(true);
    expect(proposed.data.confirmedSlot).toBeNull();
  });

  it('nudges only the pairs that stall, once each, and counts the nudges', async () => {
    const flaggedAt = MONDAY_MORNING.getTime();
    const cadenceDue = Date.parse(meetingOf['S-1'].start) + 7 * DAY_MS;
    const checkpoints = [flaggedAt + 3 * DAY_MS + HOUR_MS, cadenceDue + MINUTE_MS, flaggedAt + 14 * DAY_MS + MINUTE_MS, cadenceDue + 7 * DAY_MS + MINUTE_MS];
    // Checkpoints the clock already passed (the meeting may lie days after acceptance) were handled as it passed them.
    const [first, ...later] = checkpoints.filter((instant) => instant > clock.now().getTime()).sort((a, b) => a - b);
    // The next nudge comes due while no replica runs: the restarted ones send it, once.
    await stopReplicas();
    advanceTo(new Date(first));
    await startReplicas();
    await settled();
    for (const instant of later) {
      advanceTo(new Date(instant));
      await settled();
    }

    // S-1 met and then nothing was booked: the mentor is prompted at the cadence, the coordinator a grace later.
    expect(nudges('S-1')).toEqual([
      { kind: 'cadence-overdue', audience: 'mentor', daysWaiting: 0 },
      { kind: 'cadence-overdue', audience: 'coordinator', daysWaiting: 7 },
    ]);
    // S-2 had a meeting booked throughout, but never an attended one: only the coordinator hears, at 14 days.
    expect(nudges('S-2')).toEqual([{ kind: 'no-first-meeting', audience: 'coordinator', daysWaiting: 14 }]);
    // S-3's only meeting was called off and S-4 never booked: both are nudged warmly, then the coordinator hears.
    for (const studentId of ['S-3', 'S-4']) {
      expect(nudges(studentId)).toEqual([
        { kind: 'not-booked', audience: 'student-and-mentor', daysWaiting: 3 },
        { kind: 'no-first-meeting', audience: 'coordinator', daysWaiting: 14 },
      ]);
    }
    const history = await http(service()).get(`/v1/cases/${caseOf['S-4']}`).set('authorization', await coordinatorBearer(service())).expect(200);
    expect(history.body.history.filter((entry: { kind: string }) => entry.kind === 'nudge-due')).toHaveLength(2);

    // Counted by the replicas that sent them: those running since the restart.
    expect(await nudgeCount(replicas, 'cadence-overdue', 'mentor')).toBe(1);
    expect(await nudgeCount(replicas, 'cadence-overdue', 'coordinator')).toBe(1);
    expect(await nudgeCount(replicas, 'no-first-meeting', 'coordinator')).toBe(3);
  });

  it('reminds of a moved meeting at its new time only, and not at all of a cancelled one', async () => {
    const s2 = reminders('S-2');
    expect(s2.map((event) => event.reminder?.leadMinutes)).toEqual([1440, 60]);
    expect(s2.every((event) => event.meeting?.start === meetingOf['S-2'].start && event.meeting?.sequence === 1)).toBe(true);
    expect(reminders('S-3')).toEqual([]);
    expect(reminders('S-4')).toEqual([]);
  });

  it('lets only the case’s mentor record contact attempts, and closes as unreachable only after three', async () => {
    const caseId = caseOf['S-4'];
    const attempt = (bearer: string) => http(service()).post(`/v1/cases/${caseId}/contact-attempts`).set('authorization', bearer).send({ note: 'Called, no answer' });
    await attempt(await service().bearer('mentor', mentorOf['S-1'])).expect(403);
    await attempt(await coordinatorBearer(service())).expect(403);
    await attempt(await service().bearer('student', 'S-4')).expect(403);

    // The introduction and the warm nudge were two attempts.
    const mentor = await mentorBearer('S-4');
    const early = await http(service()).post(`/v1/cases/${caseId}/close`).set('authorization', mentor).send({ outcome: 'unreachable' }).expect(409);
    expect(early.body.code).toBe('OUTCOME_REQUIRES_CONTACT_ATTEMPTS');
    await attempt(mentor).expect(200);
    await http(service()).post(`/v1/cases/${caseId}/close`).set('authorization', mentor).send({ outcome: 'unreachable', reason: 'Three calls unanswered' }).expect(200);
    const closed = await log.waitFor('closed', 'S-4');
    expect(closed.data).toMatchObject({ outcome: 'unreachable', closedBy: 'mentor', referredTo: null });
    const view = await http(service()).get(`/v1/cases/${caseId}`).set('authorization', await coordinatorBearer(service())).expect(200);
    expect(view.body.contactAttempts).toBe(3);
    expect(view.body.history).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'contact-attempt', details: { note: 'Called, no answer', attempts: 3 } })]));
  });

  it('closes as referred only with where to, and says who closed it', async () => {
    const coordinator = await coordinatorBearer(service());
    const close = (body: object) => http(service()).post(`/v1/cases/${caseOf['S-3']}/close`).set('authorization', coordinator).send(body);
    await close({ outcome: 'referred' }).expect(400);
    await close({ outcome: 'referred', referredTo: 'Student counselling' }).expect(200);
    const closed = await log.waitFor('closed', 'S-3');
    expect(closed.data).toMatchObject({ outcome: 'referred', referredTo: 'Student counselling', closedBy: 'coordinator' });

    // A closed case is stalled no more: nothing further fires for it.
    advanceTo(new Date(clock.now().getTime() + 30 * DAY_MS));
    await settled();
    expect(nudges('S-3')).toHaveLength(2);
    const docs = await http(service()).get('/docs-json').expect(200);
    expect(Object.keys(docs.body.paths)).toContain('/v1/cases/{caseId}/contact-attempts');
    expect(Object.keys(docs.body.components.schemas.CloseCaseDto.properties)).toEqual(expect.arrayContaining(['outcome', 'reason', 'referredTo']));
  });

  it('gives a case open from before reminders and nudges existed its timers when the service starts', async () => {
    await feed.send(riskEvent('S-5'));
    const matched = await log.waitFor('matched', 'S-5');
    caseOf['S-5'] = matched.data.caseId;
    mentorOf['S-5'] = matched.data.mentor?.id ?? '';
    await http(service()).post(`/v1/cases/${caseOf['S-5']}/accept`).set('authorization', await mentorBearer('S-5')).expect(200);
    const accepted = await log.waitFor('accepted', 'S-5');
    const meeting = accepted.data.proposedSlots.at(-1) as Slot;
    await confirm('S-5', { start: meeting.start, end: meeting.end });
    await settled();

    // As a case booked before this version: none of its follow-through timers exist.
    await query(`DELETE FROM case_timers WHERE case_id = $1 AND kind NOT IN ('sla-reminder', 'sla-expiry')`, [caseOf['S-5']]);
    await stopReplicas();
    await startReplicas();
    const timers = await query(`SELECT kind, due_at FROM case_timers WHERE case_id = $1 ORDER BY due_at`, [caseOf['S-5']]);
    expect(timers.map((timer: { kind: string }) => timer.kind)).toEqual(expect.arrayContaining(['meeting-reminder', 'nudge-no-first-meeting']));

    expect(timers.filter((timer: { kind: string }) => timer.kind === 'meeting-reminder').map((timer: { due_at: Date }) => timer.due_at)).toEqual([
      at(meeting.start, -DAY_MS),
      at(meeting.start, -HOUR_MS),
    ]);

    for (const lead of [DAY_MS, HOUR_MS]) {
      advanceTo(at(meeting.start, -lead + MINUTE_MS));
      await settled();
    }
    expect(reminders('S-5').map((event) => event.reminder?.leadMinutes)).toEqual([1440, 60]);
    // Flagged weeks ago: the coordinator heard of it once when it opened; the timer set again at start-up found that done.
    expect(nudges('S-5')).toEqual([{ kind: 'no-first-meeting', audience: 'coordinator', daysWaiting: expect.any(Number) }]);
  });
});

/** The nudges of one kind and audience counted by the replicas, from their Prometheus text. */
async function nudgeCount(replicas: readonly MatchingService[], kind: string, audience: string): Promise<number> {
  let total = 0;
  for (const replica of replicas) {
    const metrics = await http(replica).get('/metrics').expect(200);
    const line = metrics.text.split('\n').find((text) => text.startsWith('mentoring_nudges_total{') && text.includes(`kind="${kind}"`) && text.includes(`audience="${audience}"`));
    total += line ? Number(line.split(' ').at(-1)) : 0;
  }
  return total;
}
