import { isTransientError, PermanentError } from './errors';

describe('isTransientError', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['an administrator shutdown', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['a database refusing connections', Object.assign(new Error('database "x" is not currently accepting connections'), { code: '55000' })],
    ['a serialization failure', Object.assign(new Error('could not serialize access'), { code: '40001' })],
    ['a TypeORM wrapper of a driver outage', Object.assign(new Error('query failed'), { driverError: { code: '08006' } })],
    ['a retriable kafkajs error', Object.assign(new Error('The coordinator is not available'), { retriable: true })],
  ])('treats %s as transient', (_label, error) => {
    expect(isTransientError(error)).toBe(true);
  });

  it.each([
    ['a domain rejection', new PermanentError('handler-rejected', 'no')],
    ['a unique violation', Object.assign(new Error('duplicate key value'), { code: '23505' })],
    ['a programming error', new TypeError('x is undefined')],
  ])('does not treat %s as transient', (_label, error) => {
    expect(isTransientError(error)).toBe(false);
  });
});
