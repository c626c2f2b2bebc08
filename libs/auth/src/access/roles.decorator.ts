import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiForbiddenResponse } from '@nestjs/swagger';
import { Role } from '../roles';

/** Grants access to the principal whose id is in a route parameter, e.g. a student reading `/v1/students/:studentId/inbox`. */
export interface OwnerInParam {
  role: Role;
  param: string;
}

/** A role, or the owner named by a route parameter. */
export type AccessRule = Role | OwnerInParam;

export const ACCESS_RULES_KEY = 'auth:access-rules';

/** The principal with `role` whose id equals the route parameter `param`. */
export function ownerInParam(role: Role, param: string): OwnerInParam {
  return { role, param };
}

/** Limits a controller or route to the given roles or owners (403 otherwise); without it any valid token passes. */
export function Roles(...rules: AccessRule[]): ClassDecorator & MethodDecorator {
  return applyDecorators(
    SetMetadata(ACCESS_RULES_KEY, rules),
    ApiForbiddenResponse({ description: `Allowed: ${describeAccessRules(rules)}` }),
  );
}

/** Human-readable list of rules, for 403 messages and the OpenAPI document. */
export function describeAccessRules(rules: AccessRule[]): string {
  return rules.map((rule) => (typeof rule === 'string' ? rule : `the ${rule.role} named by :${rule.param}`)).join(', ');
}
