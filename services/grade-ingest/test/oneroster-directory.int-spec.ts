import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventEnvelope, StudentDirectoryUpdatedV1, TOPICS } from '@mentoring/contracts';
import { waitUntil } from '@mentoring/testing';
import request from 'supertest';
import { writeBindingBundle } from '../src/imports/oneroster/testing/binding-bundle';
import { GradeIngest, startGradeIngest, TopicReader, topicOf } from './support';

// users.csv of a OneRoster import reaches the student directory of mentor-matching and
// notification as students.directory-updated.v1, once per student and import.
describe('OneRoster imports publish the student directory', () => {
  let service: GradeIngest;
  let dir: string;
  let reader: TopicReader;

  beforeAll(async () => {
    service = await startGradeIngest('grade_ingest_directory');
    dir = await mkdtemp(join(tmpdir(), 'oneroster-directory-int-'));
    reader = await TopicReader.start([topicOf(service, TOPICS.studentsDirectoryUpdated)]);
  });

  afterAll(async () => {
    await reader?.stop();
    await service?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('publishes every student of users.csv with names, email, identifiers and placement', async () => {
    const set = await writeBindingBundle(join(dir, 'set'));
    const feed = await service.bearer('registrar-feed', 'sis-directory');
    const post = request(service.app.getHttpServer()).post('/v1/imports/oneroster').set('authorization', feed);
    for (const [name, path] of Object.entries(set.files)) post.attach('files', path, name);
    const { body } = await post.expect(202);

    const updates = await waitUntil('a directory update per student', () => {
      const events = reader.on(topicOf(service, TOPICS.studentsDirectoryUpdated)).map((message) => JSON.parse(message.value) as EventEnvelope<StudentDirectoryUpdatedV1>);
      return events.length >= set.students.length ? events : undefined;
    });

    expect(updates).toHaveLength(set.students.length);
    const first = set.students[0];
    const update = updates.find((event) => event.subject === first.identifier);
    expect(update).toMatchObject({
      source: 'grade-ingest',
      correlationId: body.correlationId ?? expect.any(String),
      data: {
        studentId: first.identifier,
        displayName: `${first.givenName} ${first.familyName}`,
        preferredName: first.givenName,
        email: expect.stringContaining('@'),
        identifiers: expect.arrayContaining([{ type: 'oneroster.sourcedId', value: first.sourcedId }]),
        source: 'oneroster',
      },
    });
    const ownOrg = set.students.filter((student) => student.placedBy === 'own-org');
    for (const student of ownOrg) {
      expect(updates.find((event) => event.subject === student.identifier)?.data).toMatchObject({ program: student.program, yearOfStudy: student.year });
    }
  });
});
