import { ForbiddenException } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { ConsoleRequest } from '../web/console-request';

const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.includes(method.toUpperCase());
}

/** The token a form (hidden `_csrf` field) or a script (`X-CSRF-Token` header) sent back. */
export function submittedCsrfToken(request: ConsoleRequest): string | undefined {
  const field = (request.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
  if (typeof field === 'string') return field;
  const header = request.get(CSRF_HEADER);
  return typeof header === 'string' ? header : undefined;
}

/** Throws 403 unless the request carries `expected` (compared in constant time). */
export function assertCsrfToken(request: ConsoleRequest, expected: string | undefined): void {
  const submitted = submittedCsrfToken(request);
  if (!expected || !submitted || !sameToken(submitted, expected)) {
    throw new ForbiddenException('This form has expired or did not come from this site. Please reload the page and try again.');
  }
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
