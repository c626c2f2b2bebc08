import { CreateUsedLinkTokens1764700000000 } from './1764700000000-create-used-link-tokens';

export const STUDENT_LINK_MIGRATIONS = [CreateUsedLinkTokens1764700000000];
