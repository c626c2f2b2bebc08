import { startTestService, TestService } from '@mentoring/testing';
import { randomUUID } from 'node:crypto';
import { AppModule } from '../src/app.module';
import { ConsoleConfig } from '../src/config/console.config';
import { UsedLinksStore } from '../src/student-links/infrastructure/student-links.store';

const DAY_MS = 86_400_000;

function link(expiresInMs = 7 * DAY_MS) {
  return { tokenId: randomUUID(), recipientId: 'S-1', expiresAt: new Date(Date.now() + expiresInMs).toISOString() };
}

// One-time links hold across console replicas: two consoles on one database, racing with one link.
describe('one-time use of student links', () => {
  let service: TestService<ConsoleConfig>;
  let replica: TestService<ConsoleConfig>;
  let stores: UsedLinksStore[];

  beforeAll(async () => {
    service = await startTestService({ configClass: ConsoleConfig, appModule: (config) => AppModule.register(config), label: 'console_links' });
    replica = await startTestService({ configClass: ConsoleConfig, appModule: (config) => AppModule.register(config), label: 'console_links', database: service.database });
    stores = [service.app.get(UsedLinksStore), replica.app.get(UsedLinksStore)];
  });

  afterAll(async () => {
    await replica?.close();
    await service?.close();
  });

  it('lets exactly one of many concurrent uses of a link through, whichever replica they reach', async () => {
    const racing = link();
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, attempt) => stores[attempt % 2].claim(racing, 'book-slot', new Date())));
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    await expect(stores[1].isUsed(racing.tokenId)).resolves.toBe(true);
    await expect(stores[0].claim(racing, 'request-another-mentor', new Date())).resolves.toBe(false);
  });

  it('keeps other links of the same student usable', async () => {
    await expect(stores[0].claim(link(), 'book-slot', new Date())).resolves.toBe(true);
    await expect(stores[1].claim(link(), 'book-slot', new Date())).resolves.toBe(true);
  });

  it('lets a link be used again only when its operation did not happen', async () => {
    const failed = link();
    await expect(stores[0].claim(failed, 'book-slot', new Date())).resolves.toBe(true);
    await stores[0].release(failed.tokenId);
    await expect(stores[1].isUsed(failed.tokenId)).resolves.toBe(false);
    await expect(stores[1].claim(failed, 'book-slot', new Date())).resolves.toBe(true);
  });

  it('forgets links once they have expired (they are refused as expired anyway)', async () => {
    const expiring = link(60_000);
    await expect(stores[0].claim(expiring, 'book-slot', new Date())).resolves.toBe(true);
    await stores[0].claim(link(), 'book-slot', new Date(Date.now() + 120_000));
    await expect(stores[0].isUsed(expiring.tokenId)).resolves.toBe(false);
  });
});
