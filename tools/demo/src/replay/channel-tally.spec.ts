import { addReceipt, answered, emptyTally, fieldsOfDeadLetterMessage, importTally, kafkaOutcomes } from './channel-tally';

describe('channel tallies', () => {
  it('adds a REST receipt: outcomes from its summary, each rejected record counted once per field it names', () => {
    const tally = addReceipt(emptyTally(), 4, {
      summary: { accepted: 2, amended: 0, duplicate: 1, rejected: 1 },
      results: [{}, {}, {}, { problems: [{ field: 'score' }, { field: 'score' }, { field: 'gradedAt' }] }],
    });
    expect(tally).toEqual({ sent: 4, outcomes: { accepted: 2, amended: 0, duplicate: 1, rejected: 1 }, rejectedFields: { score: 1, gradedAt: 1 } });
    expect(answered(tally)).toBe(4);
  });

  it('reads a OneRoster tally from the import report and its rejected rows', () => {
    const tally = importTally(10, {
      accepted: 8,
      amended: 0,
      duplicate: 1,
      rejected: 1,
      rejections: { total: 1, items: [{ row: 2, problems: [{ column: 'studentSourcedId' }] }] },
    });
    expect(tally.outcomes).toEqual({ accepted: 8, amended: 0, duplicate: 1, rejected: 1 });
    expect(tally.rejectedFields).toEqual({ studentSourcedId: 1 });
  });

  it("counts the Kafka channel's outcomes since the baseline", () => {
    const sample = (channel: string, outcome: string, value: number) => ({ name: 'grade_ingest_grades_total', labels: { channel, outcome }, value });
    const baseline = [sample('kafka', 'accepted', 5), sample('kafka', 'rejected', 2)];
    const current = [sample('kafka', 'accepted', 12), sample('kafka', 'rejected', 3), sample('rest', 'accepted', 40)];
    expect(kafkaOutcomes(baseline, current)).toEqual({ accepted: 7, amended: 0, duplicate: 0, rejected: 1 });
  });

  it('names the fields a dead-lettered submission was refused for', () => {
    expect(fieldsOfDeadLetterMessage('grade submission is invalid: score: must not exceed maxScore; program: is not a programme of this school')).toEqual([
      'score',
      'program',
    ]);
  });
});
