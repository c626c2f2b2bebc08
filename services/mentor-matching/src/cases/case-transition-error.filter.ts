import { ArgumentsHost, Catch, ConflictException, ForbiddenException, BadRequestException, HttpException } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { CaseErrorCategory, CaseTransitionError } from './domain';

const EXCEPTION_FOR: Record<CaseErrorCategory, new (body: object) => HttpException> = {
  conflict: ConflictException,
  forbidden: ForbiddenException,
  invalid: BadRequestException,
};

/** A refused transition as HTTP: 409 for the case's state, 403 for the wrong person, 400 for a bad request; with its stable code. */
@Catch(CaseTransitionError)
export class CaseTransitionErrorFilter extends BaseExceptionFilter {
  override catch(error: CaseTransitionError, host: ArgumentsHost): void {
    const Exception = EXCEPTION_FOR[error.category];
    super.catch(new Exception({ code: error.code, message: error.message, caseId: error.caseId }), host);
  }
}
