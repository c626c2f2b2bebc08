import './tracing';
import { runService } from '@mentoring/platform';
import { AppModule } from './app.module';
import { ConsoleConfig } from './config/console.config';

void runService({
  configClass: ConsoleConfig,
  appModule: (config) => AppModule.register(config),
  openApi: {
    title: 'console',
    description: 'Web pages for mentors, coordinators and ops, and the pages students reach from the links in their messages',
    version: '1',
  },
});
