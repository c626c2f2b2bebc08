import { currentContext, runWithContext } from './observability-context';

describe('observability context', () => {
  it('is empty outside any request or event', () => {
    expect(currentContext()).toBeUndefined();
  });

  it('follows the work across awaits and keeps concurrent runs apart', async () => {
    const seen = await Promise.all(
      ['a', 'b'].map((correlationId) =>
        runWithContext({ correlationId, eventId: `event-${correlationId}` }, async () => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          return currentContext();
        }),
      ),
    );

    expect(seen).toEqual([
      { correlationId: 'a', eventId: 'event-a' },
      { correlationId: 'b', eventId: 'event-b' },
    ]);
    expect(currentContext()).toBeUndefined();
  });
});
