// What other features may use of policies: the module, the stores' ports and the body rules.
export { POLICY_BODY_DOC } from './policies.controller';
export { PoliciesModule } from './policies.module';
export { parsePolicyBody } from './policy-body';
export { ProgramParams } from './program.params';
export { PolicyStore, RescoreJobStore } from './infrastructure/policies.store';
export type { ChunkProgress, PolicyVersionRecord, RescoreRequest } from './infrastructure/policies.store';
export type { RescoreJobEntity as RescoreJob } from './infrastructure/rescore-job.entity';
