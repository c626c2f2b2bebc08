import { addMentors, CaseEventLog, coordinatorBearer, dataSourceOf, http, MatchingService, mentorBody, MONDAY_MORNING, MovableClock, riskEvent, RiskFeed, startMatching } from './support';

interface Slot {
  start: string;
  end: string;
  mode?: string | null;
  location?: string | null;
}

const VIDEO_LINK = 'https://meet.example.edu/dr-m-a';

describe('mentor-matching: fresh slots, booking, moving and cancelling meetings', () => {
  const clock = new MovableClock(MONDAY_MORNING);
  let service: MatchingService;
  let feed: RiskFeed;
  let log: CaseEventLog;
  const caseOf: Record<string, string> = {};

  beforeAll(async () => {
    service = await startMatching({ clock });
    await addMentors(service, [mentorBody('M-A', { maxOpenCases: 4 }), mentorBody('M-MD', { programs: ['MD'] })]);
    feed = await RiskFeed.open(service.namespace);
    log = await CaseEventLog.open(service.namespace);
  });

  afterAll(async () => {
    await log?.close();
    await feed?.close();
    await service?.close();
  });

  const openCaseOf = async (studentId: string): Promise<string> => {
    const [row]: Array<{ id: string }> = await dataSourceOf(service).query(`SELECT id FROM cases WHERE student_id = $1 AND status <> 'closed'`, [studentId]);
    return row.id;
  };
  const studentView = async (studentId: string) =>
    (await http(service).get(`/v1/cases/${caseOf[studentId]}`).set('authorization', await service.bearer('student', studentId)).expect(200)).body;
  const pick = async (studentId: string, slot: Slot) =>
    http(service).post(`/v1/cases/${caseOf[studentId]}/slots/confirm`).set('authorization', await service.bearer('student', studentId)).send({ start: slot.start, end: slot.end });
  const inFuture = (slots: Slot[]) => slots.every((slot) => Date.parse(slot.start) > clock.now().getTime());
  const overlaps = (a: Slot, b: Slot) => Date.parse(a.start) < Date.parse(b.end) && Date.parse(b.start) < Date.parse(a.end);

  it('lets a mentor set how and where they meet, refusing a video link that is not https, field by field', async () => {
    const mentor = await service.bearer('mentor', 'M-A');
    const availability = { timeZone: 'Asia/Karachi', weeklyAvailability: mentorBody('M-A').weeklyAvailability };
    const refused = await http(service)
      .put('/v1/mentors/M-A/availability')
      .set('authorization', mentor)
      .send({ ...availability, meetingMode: 'video', meetingPlace: 'http://meet.example.edu/dr-m-a' })
      .expect(400);
    expect(refused.body.problems).toEqual([{ field: 'meetingPlace', problem: 'must be an https:// link to the video meeting' }]);
    await http(service)
      .put('/v1/mentors/M-A/availability')
      .set('authorization', await service.bearer('mentor', 'M-MD'))
      .send({ ...availability, meetingMode: 'video', meetingPlace: VIDEO_LINK })
      .expect(403);

    const updated = await http(service).put('/v1/mentors/M-A/availability').set('authorization', mentor).send({ ...availability, meetingMode: 'video', meetingPlace: VIDEO_LINK }).expect(200);
    expect(updated.body).toMatchObject({ meetingMode: 'video', meetingPlace: VIDEO_LINK });
    const profile = await http(service).get('/v1/mentors/M-A').set('authorization', await coordinatorBearer(service)).expect(200);
    expect(profile.body).toMatchObject({ meetingMode: 'video', meetingPlace: VIDEO_LINK });
  });

  it('offers the student times worked out on acceptance, then fresh ones whenever the case is read', async () => {
    await feed.send(riskEvent('F-1'), riskEvent('F-2'));
    await log.waitFor('matched', 'F-1');
    await log.waitFor('matched', 'F-2');
    caseOf['F-1'] = await openCaseOf('F-1');
    caseOf['F-2'] = await openCaseOf('F-2');

    clock.advanceHours(30);
    const mentor = await service.bearer('mentor', 'M-A');
    for (const studentId of ['F-1', 'F-2']) await http(service).post(`/v1/cases/${caseOf[studentId]}/accept`).set('authorization', mentor).expect(200);
    const accepted = await log.waitFor('accepted', 'F-1');
    expect(accepted.data.proposedSlots.length).toBeGreaterThan(0);
    expect(inFuture(accepted.data.proposedSlots)).toBe(true);
    expect(accepted.data.proposedSlots.every((slot) => slot.mode === 'video' && slot.location === VIDEO_LINK)).toBe(true);

    clock.advanceHours(50);
    expect(inFuture(accepted.data.proposedSlots)).toBe(false);
    const view = await studentView('F-1');
    expect(view.proposedSlots.length).toBe(3);
    expect(inFuture(view.proposedSlots)).toBe(true);
    expect(view.proposedSlots[0]).toMatchObject({ mode: 'video', location: VIDEO_LINK });
  });

  it('answers a pick of a time another student of the mentor took meanwhile with 409 and the next free times', async () => {
    const [taken] = (await studentView('F-1')).proposedSlots as Slot[];
    expect((await studentView('F-2')).proposedSlots).toContainEqual(taken);

    const booked = await pick('F-2', taken);
    expect(booked.status).toBe(200);
    const confirmed = await log.waitFor('slot-confirmed', 'F-2');
    expect(confirmed.data.meeting).toMatchObject({ sequence: 0, start: taken.start, end: taken.end, mode: 'video', location: VIDEO_LINK });
    expect(confirmed.data.confirmedSlot).toEqual({ start: taken.start, end: taken.end, mode: 'video', location: VIDEO_LINK });

    const refused = await pick('F-1', taken);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'SLOT_TAKEN', caseId: caseOf['F-1'] });
    const nextSlots: Slot[] = refused.body.nextSlots;
    expect(nextSlots.length).toBeGreaterThan(0);
    expect(inFuture(nextSlots)).toBe(true);
    expect(nextSlots.some((slot) => overlaps(slot, taken))).toBe(false);
    const stored = await http(service).get(`/v1/cases/${caseOf['F-1']}`).set('authorization', await service.bearer('mentor', 'M-A')).expect(200);
    expect(stored.body.proposedSlots.map((slot: Slot) => slot.start)).toEqual(nextSlots.map((slot) => slot.start));
    expect(stored.body.confirmedSlot).toBeNull();

    const [past] = nextSlots;
    clock.advanceHours((Date.parse(past.start) - clock.now().getTime()) / 3_600_000 + 1);
    expect((await pick('F-1', past)).status).toBe(409);
    expect(inFuture((await studentView('F-1')).proposedSlots)).toBe(true);
  });

  it('moves a booked meeting under the same uid at the next sequence', async () => {
    const first = (await log.waitFor('slot-confirmed', 'F-2')).data.meeting;
    const [other] = (await studentView('F-2')).proposedSlots as Slot[];
    const move = { start: other.start, end: other.end };
    await http(service).post(`/v1/cases/${caseOf['F-2']}/slots/confirm`).set('authorization', await service.bearer('student', 'F-1')).send(move).expect(403);
    await http(service).post(`/v1/cases/${caseOf['F-2']}/slots/confirm`).set('authorization', await service.bearer('mentor', 'M-MD')).send(move).expect(403);
    expect((await pick('F-2', other)).status).toBe(200);
    const moved = await log.waitFor('slot-confirmed', 'F-2', (event) => event.meeting?.sequence === 1);
    expect(moved.data.meeting).toMatchObject({ uid: first?.uid, sequence: 1, start: other.start, end: other.end });
    const view = await studentView('F-2');
    expect(view.meeting).toMatchObject({ uid: first?.uid, sequence: 1, mode: 'video', location: VIDEO_LINK });
    expect(view.confirmedSlot).toMatchObject({ start: other.start, end: other.end });
  });

  it('lets only the student, the case’s mentor or a coordinator of its programme cancel, and publishes the cancellation', async () => {
    const caseId = caseOf['F-2'];
    await http(service).post(`/v1/cases/${caseId}/meeting/cancel`).set('authorization', await service.bearer('student', 'F-1')).send({}).expect(403);
    await http(service).post(`/v1/cases/${caseId}/meeting/cancel`).set('authorization', await service.bearer('mentor', 'M-MD')).send({}).expect(403);
    await http(service).post(`/v1/cases/${caseId}/meeting/cancel`).set('authorization', await coordinatorBearer(service, ['MD'], 'coordinator-md')).send({}).expect(403);

    const booked = (await studentView('F-2')).meeting;
    await http(service).post(`/v1/cases/${caseId}/meeting/cancel`).set('authorization', await service.bearer('student', 'F-2')).send({ reason: 'Exam moved' }).expect(200);
    const cancelled = await log.waitFor('meeting-cancelled', 'F-2');
    expect(cancelled.data).toMatchObject({ reason: 'Exam moved', confirmedSlot: null, meeting: { uid: booked.uid, sequence: booked.sequence + 1, start: booked.start } });
    expect((await studentView('F-2')).meeting).toBeNull();
    const again = await http(service).post(`/v1/cases/${caseId}/meeting/cancel`).set('authorization', await service.bearer('mentor', 'M-A')).send({}).expect(409);
    expect(again.body).toMatchObject({ code: 'NO_MEETING' });

    // The time is free again, for the other student too; the next booking is a new calendar entry.
    expect((await pick('F-1', booked)).status).toBe(200);
    const rebooked = await log.waitFor('slot-confirmed', 'F-1');
    expect(rebooked.data.meeting?.uid).not.toBe(booked.uid);
    await http(service).post(`/v1/cases/${caseOf['F-1']}/meeting/cancel`).set('authorization', await coordinatorBearer(service, ['MBBS'], 'coordinator-mbbs')).send({}).expect(200);
    await log.waitFor('meeting-cancelled', 'F-1');
  });

  it('gives a time two students pick at once to one of them only', async () => {
    await feed.send(riskEvent('F-3'), riskEvent('F-4'));
    const mentor = await service.bearer('mentor', 'M-A');
    for (const studentId of ['F-3', 'F-4']) {
      await log.waitFor('matched', studentId);
      caseOf[studentId] = await openCaseOf(studentId);
      await http(service).post(`/v1/cases/${caseOf[studentId]}/accept`).set('authorization', mentor).expect(200);
    }
    const [wanted] = (await studentView('F-3')).proposedSlots as Slot[];
    expect((await studentView('F-4')).proposedSlots).toContainEqual(wanted);

    const answers = await Promise.all([pick('F-3', wanted), pick('F-4', wanted)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const booked: Array<{ count: number }> = await dataSourceOf(service).query(
      `SELECT count(*)::int AS count FROM cases WHERE id = ANY($1) AND confirmed_slot->>'start' = $2`,
      [[caseOf['F-3'], caseOf['F-4']], wanted.start],
    );
    expect(booked[0].count).toBe(1);
  });

  it('calls off a booked meeting in calendars when its case closes', async () => {
    const [slot] = (await studentView('F-1')).proposedSlots as Slot[];
    expect((await pick('F-1', slot)).status).toBe(200);
    // F-1's first meeting was cancelled by the coordinator; this is their second.
    const booked = await log.waitFor('slot-confirmed', 'F-1', (event) => event.meeting?.uid.endsWith('-meeting-2@mentoring') === true);
    expect(booked.data.meeting?.start).toBe(slot.start);
    const student = await service.bearer('student', 'F-1');
    await http(service).post(`/v1/cases/${caseOf['F-1']}/close`).set('authorization', student).send({ outcome: 'declined-by-student' }).expect(200);
    const cancelled = await log.waitFor('meeting-cancelled', 'F-1', (event) => event.meeting?.uid === booked.data.meeting?.uid);
    expect(cancelled.data).toMatchObject({ status: 'closed', mentor: { id: 'M-A' }, meeting: { sequence: 1, start: slot.start } });
  });
});
