import { describeFeatureLayers } from '@mentoring/testing';

describeFeatureLayers({
  service: 'notification',
  root: __dirname,
  layers: ['config', 'outreach', 'recipients', 'links', 'messages', 'inbox', 'conversations', 'delivery', 'directory-sync', 'case-outreach'],
});
