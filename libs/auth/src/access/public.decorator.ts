import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';

export const IS_PUBLIC_KEY = 'auth:public';

/** Opens a controller or route to callers without a token (health, metrics); the document shows it as open. */
export function Public(): ClassDecorator & MethodDecorator {
  // `{}` is OpenAPI's "no credentials needed", overriding the document-wide bearer requirement.
  return applyDecorators(SetMetadata(IS_PUBLIC_KEY, true), ApiSecurity({}));
}
