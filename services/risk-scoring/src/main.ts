import './tracing';
import { runService } from '@mentoring/platform';
import { AppModule } from './app.module';
import { RiskScoringConfig } from './config/risk-scoring.config';

void runService({
  configClass: RiskScoringConfig,
  appModule: (config) => AppModule.register(config),
  openApi: {
    title: 'risk-scoring',
    description: 'A fair, explained, stable standing for every student: grades and engagement in, risk.assessed.v1 out',
    version: '1',
  },
});
