import { ForbiddenException } from '@nestjs/common';
import { ConsoleRequest } from '../web/console-request';
import { coordinates } from './domain/programme-scope';

/**
 * The signed-in coordinator's programmes; pages check them before calling a service, so a typed
 * URL or a posted form of another programme is refused with a 403 page.
 */
export function coordinatorProgrammes(request: ConsoleRequest): string[] {
  const user = request.user;
  if (!user || user.role !== 'coordinator') throw new ForbiddenException('This page is for coordinators');
  return user.programmes;
}

/** 403 unless the signed-in coordinator is responsible for the programme. */
export function assertCoordinatorOf(request: ConsoleRequest, program: string): void {
  if (!coordinates(coordinatorProgrammes(request), program)) throw new ForbiddenException(`You are not a coordinator of ${program}`);
}
