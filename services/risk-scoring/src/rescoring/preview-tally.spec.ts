import { addToTally, emptyTally } from './preview-tally';

describe('preview tally', () => {
  it('counts students per level now and proposed, and each move between levels', () => {
    const tally = addToTally(addToTally(emptyTally(), [
      { from: 'at-risk', to: 'ok', changed: true },
      { from: 'ok', to: 'ok', changed: false },
      { from: 'urgent', to: 'urgent', changed: true },
    ]), [{ from: 'at-risk', to: 'ok', changed: true }, { from: 'ok', to: 'watch', changed: true }]);

    expect(tally.studentsAssessed).toBe(5);
    expect(tally.wouldChange).toBe(4);
    expect(tally.levels.current).toEqual({ ok: 2, watch: 0, 'at-risk': 2, urgent: 1 });
    expect(tally.levels.proposed).toEqual({ ok: 3, watch: 1, 'at-risk': 0, urgent: 1 });
    expect(tally.moves).toEqual([
      { from: 'ok', to: 'watch', students: 1 },
      { from: 'at-risk', to: 'ok', students: 2 },
    ]);
  });

  it('leaves the tally it was given untouched', () => {
    const before = emptyTally();
    addToTally(before, [{ from: 'ok', to: 'watch', changed: true }]);
    expect(before).toEqual(emptyTally());
  });
});
