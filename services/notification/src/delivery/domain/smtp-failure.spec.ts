import { classifySmtpFailure, describeSmtpFailure, retryDelayMs } from './smtp-failure';

describe('SMTP failures', () => {
  it('retries outages, timeouts, temporary replies and configuration faults', () => {
    expect(classifySmtpFailure({ code: 'ECONNECTION', message: 'connect ECONNREFUSED 127.0.0.1:1025' })).toBe('transient');
    expect(classifySmtpFailure({ code: 'ETIMEDOUT', message: 'Greeting never received' })).toBe('transient');
    expect(classifySmtpFailure({ code: 'EENVELOPE', responseCode: 451, message: 'try later' })).toBe('transient');
    expect(classifySmtpFailure({ code: 'EAUTH', responseCode: 535, message: 'bad credentials' })).toBe('transient');
  });

  it('gives up on a message the server refused', () => {
    expect(classifySmtpFailure({ code: 'EENVELOPE', responseCode: 550, message: 'no such user' })).toBe('permanent');
  });

  it("describes a failure with the server's reply when there is one", () => {
    expect(describeSmtpFailure({ code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 no such user', message: 'x' })).toBe('EENVELOPE: 550 5.1.1 no such user');
    expect(describeSmtpFailure({ message: 'socket closed' })).toBe('socket closed');
  });

  it('backs off exponentially up to a ceiling', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelayMs(attempt, 100, 1000))).toEqual([100, 200, 400, 800, 1000]);
  });
});
