// Prints a bearer token for local use (SWC_NODE_PROJECT lets @swc-node resolve the @mentoring/* paths):
//   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register libs/auth/src/cli/issue-token.ts \
//     --role ops --subject alice [--ttl 3600]
// Signs with AUTH_JWT_SECRET and AUTH_ISSUER when set, else the local development defaults.
import { parseArgs } from 'node:util';
import { isRole, ROLES } from '../roles';
import { signToken } from '../token/sign-token';

const USAGE = `usage: issue-token --role <${ROLES.join('|')}> --subject <id> [--ttl <seconds>]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { role: { type: 'string' }, subject: { type: 'string' }, ttl: { type: 'string', default: '3600' } },
  });
  if (!isRole(values.role) || !values.subject) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const token = await signToken({
    role: values.role,
    subject: values.subject,
    ttlSeconds: Number(values.ttl),
    secret: process.env['AUTH_JWT_SECRET'] || undefined,
    issuer: process.env['AUTH_ISSUER'] || undefined,
  });
  console.log(token);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
