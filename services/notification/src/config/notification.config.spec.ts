import { loadConfig } from '@mentoring/config';
import { NotificationConfig } from './notification.config';

describe('NotificationConfig', () => {
  it('reads numeric settings from the environment, where every value is a string', () => {
    const config = loadConfig(NotificationConfig, { SMTP_TIMEOUT_MS: '2000', DELIVERY_POLL_MS: '50', DEFAULT_MAX_EMAILS_PER_24H: '0' });
    expect(config).toMatchObject({ SMTP_TIMEOUT_MS: 2000, DELIVERY_POLL_MS: 50, DEFAULT_MAX_EMAILS_PER_24H: 0 });
  });
});
