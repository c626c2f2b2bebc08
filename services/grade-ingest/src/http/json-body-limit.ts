import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { GradeIngestConfig } from '../config/grade-ingest.config';

/**
 * Raises the JSON body limit from Express's 100 kB: a batch of 10,000 grades takes a few MB.
 * Nest adds its default parser during `init()` unless a parser is already in place, and
 * `init$` fires when the HTTP adapter is attached, which is before `init()` both under
 * NestFactory and under the testing module, so this works wherever the module runs.
 */
@Injectable()
export class JsonBodyLimit {
  constructor(adapterHost: HttpAdapterHost<ExpressAdapter>, config: GradeIngestConfig) {
    adapterHost.init$.subscribe(() => {
      adapterHost.httpAdapter.useBodyParser('json', false, { limit: `${config.JSON_BODY_LIMIT_MB}mb` });
    });
  }
}
