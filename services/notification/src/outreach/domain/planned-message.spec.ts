import { deliveryKey } from './planned-message';

describe('deliveryKey', () => {
  it('differs per event, recipient and channel, so each pair is delivered once', () => {
    const keys = [deliveryKey('evt-1', 'S-1', 'email'), deliveryKey('evt-1', 'S-1', 'inbox'), deliveryKey('evt-1', 'M-1', 'email'), deliveryKey('evt-2', 'S-1', 'email')];
    expect(new Set(keys).size).toBe(4);
    expect(deliveryKey('evt-1', 'S-1', 'email')).toBe(keys[0]);
  });
});
