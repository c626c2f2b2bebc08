import './tracing';
import { runService } from '@mentoring/platform';
import { AppModule } from './app.module';
import { GradeIngestConfig } from './config/grade-ingest.config';

void runService({
  configClass: GradeIngestConfig,
  appModule: (config) => AppModule.register(config),
  openApi: {
    title: 'grade-ingest',
    description: 'Registrar feeds in (REST, Kafka, OneRoster 1.2 CSV): validated, deduplicated, recorded once, published as grades.recorded.v1',
    version: '1',
  },
});
