import { describeFeatureLayers } from '@mentoring/testing';

describeFeatureLayers({
  service: 'console',
  root: __dirname,
  layers: ['config', 'accounts', 'service-api', 'web', 'sign-in', 'coordinator', 'mentor', 'ops', 'student-links'],
  // Sign-in limits are rate-limiter-flexible's own table, kept by that library through this adapter.
  otherStores: ['accounts/infrastructure/sign-in-limits.store.ts'],
});
