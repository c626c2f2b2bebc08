import { ForbiddenException, Injectable } from '@nestjs/common';
import { ownerInParam, Principal } from '@mentoring/auth';
import { RecipientDirectory } from './recipient-directory.service';

/** The recipient named by `:id` themself, whichever role they sign in with, or ops. */
export const RECIPIENT_OR_OPS = [ownerInParam('student', 'id'), ownerInParam('mentor', 'id'), ownerInParam('coordinator', 'id'), 'ops'] as const;

/** The check RECIPIENT_OR_OPS cannot make alone: the token's role must be one the directory knows the recipient in. */
@Injectable()
export class RecipientAccess {
  constructor(private readonly directory: RecipientDirectory) {}

  async assert(principal: Principal, recipientId: string): Promise<void> {
    if (principal.role === 'ops') return;
    const recipient = await this.directory.find(recipientId);
    if (recipient && !(recipient.roles as string[]).includes(principal.role)) {
      throw new ForbiddenException(`${recipientId} is not known as a ${principal.role}`);
    }
  }
}
