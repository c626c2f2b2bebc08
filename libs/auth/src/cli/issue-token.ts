// Prints a bearer token for one service (SWC_NODE_PROJECT lets @swc-node resolve the @mentoring/* paths):
//   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register libs/auth/src/cli/issue-token.ts \
//     --role ops --subject alice --audience grade-ingest [--ttl 3600] [--programmes MBBS,MD]
// Machine roles are signed with AUTH_JWT_SECRET (and AUTH_ISSUER), person roles with
// CONSOLE_SIGNING_KEY; the public development keys only when MENTORING_DEV_MODE=true.
import { parseArgs } from 'node:util';
import { isRole, ROLES } from '../roles';
import { signingKeyFromEnvironment, signToken } from '../token/sign-token';

const USAGE = `usage: issue-token --role <${ROLES.join('|')}> --subject <id> --audience <service> [--ttl <seconds>] [--programmes <A,B>]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      subject: { type: 'string' },
      audience: { type: 'string' },
      ttl: { type: 'string', default: '3600' },
      programmes: { type: 'string' },
    },
  });
  if (!isRole(values.role) || !values.subject || !values.audience) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const token = await signToken({
    role: values.role,
    subject: values.subject,
    audience: values.audience,
    ttlSeconds: Number(values.ttl),
    programmes: values.programmes?.split(',').map((programme) => programme.trim()).filter(Boolean),
    key: signingKeyFromEnvironment(values.role),
    issuer: process.env['AUTH_ISSUER'] || undefined,
  });
  console.log(token);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
