import { Writable } from 'node:stream';
import { runWithContext } from '../context/observability-context';
import { createLogger } from './log-options';

function captureLines() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { lines, destination };
}

describe('createLogger', () => {
  it('writes JSON lines naming the service, level and time', () => {
    const { lines, destination } = captureLines();

    createLogger('risk-scoring', { destination }).info('started');

    expect(lines).toEqual([
      expect.objectContaining({ service: 'risk-scoring', level: 'info', msg: 'started', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }),
    ]);
    expect(lines[0]).not.toHaveProperty('correlationId');
  });

  it('stamps the correlation and event ids of the work in progress', () => {
    const { lines, destination } = captureLines();
    const logger = createLogger('risk-scoring', { destination });

    runWithContext({ correlationId: 'corr-1', eventId: 'evt-9' }, () => logger.info('scored'));

    expect(lines[0]).toMatchObject({ correlationId: 'corr-1', eventId: 'evt-9', msg: 'scored' });
  });

  it('never writes a bearer token', () => {
    const { lines, destination } = captureLines();

    createLogger('risk-scoring', { destination }).info({ req: { headers: { authorization: 'Bearer secret.jwt' } } }, 'request');

    expect(JSON.stringify(lines[0])).not.toContain('secret.jwt');
  });

  it('respects the level', () => {
    const { lines, destination } = captureLines();

    createLogger('risk-scoring', { destination, level: 'warn' }).info('hidden');

    expect(lines).toEqual([]);
  });
});
