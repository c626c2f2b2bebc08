import { ReadinessRegistry, SHUTDOWN_CHECK } from './readiness-registry';

describe('ReadinessRegistry', () => {
  it('refuses a second check with the same name', () => {
    const registry = new ReadinessRegistry();
    registry.register('database', async () => undefined);

    expect(() => registry.register('database', async () => undefined)).toThrow('"database" is already registered');
  });

  it('fails its shutdown check once the app starts shutting down', async () => {
    const registry = new ReadinessRegistry();
    const shutdownCheck = async () => {
      const check = new Map(registry.checks()).get(SHUTDOWN_CHECK);
      if (!check) throw new Error('no shutdown check registered');
      return check();
    };

    await expect(shutdownCheck()).resolves.toBeUndefined();
    registry.onModuleDestroy();
    await expect(shutdownCheck()).rejects.toThrow('the service is shutting down');
  });
});
