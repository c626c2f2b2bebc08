import { OutcomeFiguresReply, OutcomesReportReply } from '@mentoring/contracts';
import { parse } from 'csv-parse/sync';
import { durationInWords, hoursInWords, outcomesCsv, outcomesPage, shareInWords } from './outcomes-view';

const noOutcomes = { met: 0, improved: 0, referred: 0, 'declined-by-student': 0, unreachable: 0 };

function figures(overrides: Partial<OutcomeFiguresReply> = {}): OutcomeFiguresReply {
  return {
    casesFlagged: 3,
    flagToFirstContact: { count: 3, medianHours: 4, p90Hours: 4 },
    flagToFirstMeeting: { count: 2, medianHours: 72, p90Hours: 240 },
    metWithin7Days: { days: 7, cases: 3, met: 1, share: 1 / 3 },
    metWithin14Days: { days: 14, cases: 3, met: 2, share: 2 / 3 },
    loopClosure: { afterDays: 30, cases: 3, closed: 2, rate: 2 / 3 },
    outcomes: { ...noOutcomes, met: 1, 'declined-by-student': 1 },
    endedEarly: { cases: 1, outcomes: { ...noOutcomes, 'declined-by-student': 1 } },
    ...overrides,
  };
}

const report: OutcomesReportReply = {
  asOf: '2030-04-13T06:00:00.000Z',
  since: null,
  total: figures(),
  programmes: [
    { program: 'MBBS', ...figures({ casesFlagged: 2 }) },
    { program: 'MD', ...figures({ casesFlagged: 1 }) },
  ],
  mentors: [{ mentorId: 'M-1', displayName: '=HYPERLINK("x")', ...figures({ casesFlagged: 2 }) }],
};

describe('the outcomes page', () => {
  it('puts durations, shares and counts into words', () => {
    expect(durationInWords({ count: 2, medianHours: 72, p90Hours: 5.25 })).toBe('median 3 days, p90 5.3 h (2 cases)');
    expect(durationInWords({ count: 0, medianHours: null, p90Hours: null })).toBe('—');
    expect([hoursInWords(47.94), hoursInWords(60)]).toEqual(['47.9 h', '2.5 days']);
    expect([shareInWords(2, 3, 2 / 3), shareInWords(0, 0, null)]).toEqual(['2 of 3 (67%)', '—']);
  });

  it('shows rows for the coordinator’s programmes only, with early endings and outcomes by kind', () => {
    const page = outcomesPage(report, ['MBBS']);

    expect(page.programmes.map((row) => row.name)).toEqual(['MBBS']);
    expect(page.total).toMatchObject({ casesFlagged: 3, metWithin7Days: '1 of 3 (33%)', loopClosure: '2 of 3 (67%)', endedEarly: '1: declined by student 1', outcomes: 'met 1, declined by student 1' });
    expect(page.closureAfterDays).toBe(30);
  });

  it('exports a CSV line per group that a spreadsheet reads back, a formula-looking name escaped', () => {
    const rows: Array<Record<string, string>> = parse(outcomesCsv(report, ['MBBS']), { columns: true });

    expect(rows.map((row) => [row.group, row.programme, row.mentor_id])).toEqual([
      ['all', '', ''],
      ['programme', 'MBBS', ''],
      ['mentor', '', 'M-1'],
    ]);
    expect(rows[0]).toMatchObject({ cases_flagged: '3', first_meeting_median_hours: '72', met_within_7_days_share: '0.3333', loop_closure_rate: '0.6667', ended_early_declined_by_student: '1' });
    expect(rows[2].mentor_name).toBe(`'=HYPERLINK("x")`);
  });
});
