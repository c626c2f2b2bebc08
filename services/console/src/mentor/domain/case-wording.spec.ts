import { historyInWords, neighbouringPhases, reasonsInWords, suggestedFocus } from './case-wording';

describe('case wording for mentors', () => {
  it('gives each reason a plain heading and keeps risk-scoring’s sentence with the figures', () => {
    const reasons = reasonsInWords([
      { code: 'summative-mean-below-urgent', summary: 'Summative average over 2 assessments is 53.5%, under the priority-support line of 60%.' },
      { code: 'some-new-rule', summary: 'Something new.' },
    ]);

    expect(reasons).toEqual([
      { heading: 'Exam marks are well under the support line', detail: 'Summative average over 2 assessments is 53.5%, under the priority-support line of 60%.' },
      { heading: 'Some new rule', detail: 'Something new.' },
    ]);
  });

  it('suggests the relationship first, and the courses only from structured engagement on', () => {
    const iceBreaking = suggestedFocus('ice-breaking', 'Zoë', ['ANAT101']);
    const structured = suggestedFocus('structured-engagement', 'Zoë', ['ANAT101', 'PHYS102']);

    expect(iceBreaking.focus).toContain('Get to know Zoë as a person first');
    expect(iceBreaking.courses).toEqual([]);
    expect(structured.focus).toContain('goals Zoë helps to set');
    expect(structured.courses).toEqual(['ANAT101', 'PHYS102']);
    expect(suggestedFocus('self-directed', 'Zoë', []).focus).toContain('Let Zoë lead');
  });

  it('offers only the neighbouring phases to move to', () => {
    expect(neighbouringPhases('ice-breaking')).toEqual(['structured-engagement']);
    expect(neighbouringPhases('structured-engagement')).toEqual(['ice-breaking', 'self-directed']);
    expect(neighbouringPhases('self-directed')).toEqual(['structured-engagement']);
  });

  it('tells the history in words, with the detail that matters', () => {
    expect(historyInWords({ kind: 'accepted', details: { mentorId: 'm-1' } })).toBe('Mentor accepted');
    expect(historyInWords({ kind: 'phase-changed', details: { from: 'ice-breaking', to: 'structured-engagement' } })).toBe(
      'Phase changed: Ice breaking to Structured engagement',
    );
    expect(historyInWords({ kind: 'session-logged', details: { outcome: 'attended' } })).toBe('Session logged: Attended');
    expect(historyInWords({ kind: 'declined', details: { reason: 'On call all month' } })).toBe('Mentor declined: On call all month');
    expect(historyInWords({ kind: 'brand-new-kind', details: null })).toBe('Brand new kind');
    expect(historyInWords({ kind: 'contact-attempt', details: { note: 'Called twice, no answer', attempts: 2 } })).toBe('Tried to reach the student: Called twice, no answer');
    expect(historyInWords({ kind: 'closed', details: { outcome: 'referred', referredTo: 'Student counselling' } })).toBe('Case closed: Referred to Student counselling');
  });
});
