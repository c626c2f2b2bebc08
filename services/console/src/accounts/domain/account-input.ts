import { FieldProblem, PROGRAM_CODE } from '@mentoring/contracts';
import { AccountRole, ACCOUNT_ROLES, isAccountRole } from './account-role';
import { passwordProblem } from './password-hash';

/** What an administrator gives to create an account or reset its password. */
export interface AccountInput {
  username: string;
  displayName: string;
  role: string;
  /** The mentor id for a mentor; defaults to the username for coordinators and ops. */
  subjectId?: string;
  /** The programmes a coordinator is responsible for (required for coordinators, none for others). */
  programmes?: readonly string[];
  password: string;
}

export interface ValidAccountInput {
  username: string;
  displayName: string;
  role: AccountRole;
  subjectId: string;
  /** Upper-case codes, sorted, each once; empty unless the account is a coordinator's. */
  programmes: string[];
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
  const listed = input.programmes ?? [];
  const readable = Array.isArray(listed) && listed.every((programme) => typeof programme === 'string');
  const programmes = readable ? [...new Set(listed.map((programme) => programme.trim()).filter((programme) => programme !== ''))].sort() : [];
  const problems: FieldProblem[] = [];
  if (!USERNAME.test(username)) problems.push({ field: 'username', problem: 'must be 2-64 letters, digits, ".", "_", "@" or "-", starting with a letter or digit' });
  if (!displayName) problems.push({ field: 'displayName', problem: 'must not be empty' });
  if (!isAccountRole(input.role)) problems.push({ field: 'role', problem: `must be one of ${ACCOUNT_ROLES.join(', ')}` });
  if (input.role === 'mentor' && !input.subjectId?.trim()) problems.push({ field: 'subjectId', problem: 'must name the mentor id for a mentor account' });
  if (!readable) problems.push({ field: 'programmes', problem: 'must be a list of programme codes' });
  else problems.push(...programmeProblems(input.role, programmes));
  const weakPassword = passwordProblem(input.password);
  if (weakPassword) problems.push({ field: 'password', problem: weakPassword });
  if (problems.length > 0) throw new AccountInputError(problems);
  return { username, displayName, role: input.role as AccountRole, subjectId, programmes, password: input.password };
}

/**
 * A coordinator sees and changes the data of their programmes only, so their account must name at
 * least one; other roles are not limited by programme, and an account claiming some would mislead.
 */
function programmeProblems(role: string, programmes: readonly string[]): FieldProblem[] {
  if (role !== 'coordinator') return programmes.length > 0 ? [{ field: 'programmes', problem: 'only coordinator accounts have programmes' }] : [];
  if (programmes.length === 0) return [{ field: 'programmes', problem: 'must name the programmes a coordinator is responsible for, e.g. MBBS,MD' }];
  const invalid = programmes.filter((programme) => !PROGRAM_CODE.test(programme));
  return invalid.length > 0 ? [{ field: 'programmes', problem: `${invalid.map((programme) => `"${programme}"`).join(', ')} must be upper-case programme codes such as MBBS` }] : [];
}

/** A comma-separated list as typed on a command line ("MBBS, MD"). */
export function programmesFromList(list: string | undefined): string[] {
  return (list ?? '').split(',').map((programme) => programme.trim()).filter((programme) => programme !== '');
}
