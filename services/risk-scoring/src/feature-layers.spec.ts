import { describeFeatureLayers } from '@mentoring/testing';

describeFeatureLayers({
  service: 'risk-scoring',
  root: __dirname,
  layers: ['config', 'scoring', 'grades', 'engagement', 'policies', 'standings', 'rescoring'],
});
