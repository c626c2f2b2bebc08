import { applyDecorators, Header } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';

/** A route answering with an HTML page: not part of the JSON API document. */
export function HtmlPage(): MethodDecorator {
  return applyDecorators(Header('Content-Type', 'text/html; charset=utf-8'), Header('Cache-Control', 'no-store'), ApiExcludeEndpoint());
}
