import { describeFeatureLayers } from '@mentoring/testing';

describeFeatureLayers({
  service: 'mentor-matching',
  root: __dirname,
  layers: ['shared', 'config', 'validation', 'bulk-import', 'mentors', 'students', 'timers', 'cases', 'matching', 'reports'],
});
