import './tracing';
import { runService } from '@mentoring/platform';
import { AppModule } from './app.module';
import { MentorMatchingConfig } from './config/mentor-matching.config';

void runService({
  configClass: MentorMatchingConfig,
  appModule: (config) => AppModule.register(config),
  openApi: {
    title: 'mentor-matching',
    description: 'Risk assessments in; mentoring cases matched by availability and capacity; case events out',
    version: '1',
  },
});
