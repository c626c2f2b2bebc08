import { FieldProblem } from '@mentoring/contracts';
import { AccountRole, ACCOUNT_ROLES, isAccountRole } from './account-role';
import { passwordProblem } from './password-hash';

/** What an administrator gives to create an account or reset its password. */
export interface AccountInput {
  username: string;
  displayName: string;
  role: string;
  /** The mentor id for a mentor; defaults to the username for coordinators and ops. */
  subjectId?: string;
  password: string;
}

export interface ValidAccountInput {
  username: string;
  displayName: string;
  role: AccountRole;
  subjectId: string;
  password: string;
}

const USERNAME = /^[a-z0-9][a-z0-9._@-]{1,63}$/;

export class AccountInputError extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super(`Invalid account: ${problems.map((p) => `${p.field} ${p.problem}`).join('; ')}`);
    this.name = 'AccountInputError';
  }
}

/** Normalises and checks an account, listing every problem at once. */
export function validateAccountInput(input: AccountInput): ValidAccountInput {
  const username = input.username.trim().toLowerCase();
  const displayName = input.displayName.trim();
  const subjectId = (input.subjectId ?? '').trim() || username;
  const problems: FieldProblem[] = [];
  if (!USERNAME.test(username)) problems.push({ field: 'username', problem: 'must be 2-64 letters, digits, ".", "_", "@" or "-", starting with a letter or digit' });
  if (!displayName) problems.push({ field: 'displayName', problem: 'must not be empty' });
  if (!isAccountRole(input.role)) problems.push({ field: 'role', problem: `must be one of ${ACCOUNT_ROLES.join(', ')}` });
  if (input.role === 'mentor' && !input.subjectId?.trim()) problems.push({ field: 'subjectId', problem: 'must name the mentor id for a mentor account' });
  const weakPassword = passwordProblem(input.password);
  if (weakPassword) problems.push({ field: 'password', problem: weakPassword });
  if (problems.length > 0) throw new AccountInputError(problems);
  return { username, displayName, role: input.role as AccountRole, subjectId, password: input.password };
}
