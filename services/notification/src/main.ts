import './tracing';
import { runService } from '@mentoring/platform';
import { AppModule } from './app.module';
import { NotificationConfig } from './config/notification.config';

void runService({
  configClass: NotificationConfig,
  appModule: (config) => AppModule.register(config),
  openApi: {
    title: 'notification',
    description: 'Supportive outreach from mentoring case events: email over SMTP and an in-app inbox, each message exactly once per person',
    version: '1',
  },
});
