import { checkCloseForm, closeFormView } from './case-closing';

describe('closing a case', () => {
  it('sends the outcome, and for a referral to whom, trimmed', () => {
    expect(checkCloseForm({ outcome: 'referred', referredTo: '  Student counselling  ', reason: '' })).toEqual({
      ok: true,
      body: { outcome: 'referred', referredTo: 'Student counselling' },
    });
    expect(checkCloseForm({ outcome: 'declined-by-student', referredTo: 'ignored', reason: 'wants to manage alone' })).toEqual({
      ok: true,
      body: { outcome: 'declined-by-student', reason: 'wants to manage alone' },
    });
  });

  it('asks for an outcome of the list, and to whom a student was referred', () => {
    expect(checkCloseForm({})).toEqual({ ok: false, problems: [{ field: 'outcome', problem: 'Please choose how the case ended.' }] });
    expect(checkCloseForm({ outcome: 'referred', referredTo: '   ' })).toEqual({
      ok: false,
      problems: [{ field: 'referredTo', problem: 'Please say to whom you referred the student.' }],
    });
  });

  it('keeps what the mentor chose and shows each problem beside its field', () => {
    const view = closeFormView({ outcome: 'referred', referredTo: 'x'.repeat(201) }, [{ field: 'referredTo', problem: 'Too long.' }]);

    expect(view.choices.filter((choice) => choice.checked).map((choice) => choice.outcome)).toEqual(['referred']);
    expect(view.problems).toEqual({ referredTo: 'Too long.' });
    expect(view.hasProblems).toBe(true);
  });

  it('puts a refusal that names no field beside the outcome', () => {
    const view = closeFormView({ outcome: 'unreachable' }, [], 'A case closes as unreachable only after 3 contact attempts');

    expect(view.problems).toEqual({ outcome: 'A case closes as unreachable only after 3 contact attempts' });
    expect(closeFormView().hasProblems).toBe(false);
  });
});
