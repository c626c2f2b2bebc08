import { INestApplication, PayloadTooLargeException } from '@nestjs/common';
import { DEFAULT_HTTP_BODY_LIMIT_MB, SERVICE_CONFIG } from '@mentoring/config';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** The setting that sets the limit, named in every 413 so a caller knows what to ask for. */
export const BODY_LIMIT_SETTING = 'HTTP_BODY_LIMIT_MB';

const MB = 1024 * 1024;

/** The 413 body every process returns for a request body over the limit. */
export interface PayloadTooLargeBody {
  statusCode: 413;
  error: 'Payload Too Large';
  message: string;
  limit: { setting: typeof BODY_LIMIT_SETTING; limit: number; unit: 'bytes' };
}

export function payloadTooLargeBody(limitBytes: number): PayloadTooLargeBody {
  return {
    statusCode: 413,
    error: 'Payload Too Large',
    message: `The request body is larger than ${formatMb(limitBytes)}, the limit ${BODY_LIMIT_SETTING} sets; send fewer rows per request or raise ${BODY_LIMIT_SETTING}`,
    limit: { setting: BODY_LIMIT_SETTING, limit: limitBytes, unit: 'bytes' },
  };
}

/** For routes that read a body themselves (CSV): the same 413 as the parsers give. */
export class BodyTooLargeException extends PayloadTooLargeException {
  constructor(limitBytes: number) {
    super(payloadTooLargeBody(limitBytes));
  }
}

/** The limit in bytes, as HTTP_BODY_LIMIT_MB of the process's configuration sets it. */
export function bodyLimitBytes(limitMb: number = DEFAULT_HTTP_BODY_LIMIT_MB): number {
  return limitMb * MB;
}

/**
 * The one body-size policy of every process: JSON and form bodies up to the configured limit, and
 * a JSON 413 naming the limit beyond it (Express would answer with an HTML page). Registered
 * before `init()`, so Nest does not add its own 100 kB parsers.
 */
export function applyBodyLimit(app: INestApplication, limitBytes: number): void {
  const express = app as NestExpressApplication;
  express.useBodyParser('json', { limit: limitBytes });
  express.useBodyParser('urlencoded', { limit: limitBytes, extended: true });
  app.use((error: unknown, _request: Request, response: Response, next: NextFunction) => {
    if (!isTooLarge(error) || response.headersSent) {
      next(error);
      return;
    }
    response.status(413).json(payloadTooLargeBody(limitBytes));
  });
}

/** The limit the app's configuration sets (the default for an app without one, e.g. a test fixture). */
export function configuredBodyLimitBytes(app: INestApplication): number {
  let config: { HTTP_BODY_LIMIT_MB?: number } | undefined;
  try {
    config = app.get<{ HTTP_BODY_LIMIT_MB?: number }>(SERVICE_CONFIG, { strict: false });
  } catch {
    config = undefined;
  }
  return bodyLimitBytes(config?.HTTP_BODY_LIMIT_MB);
}

function isTooLarge(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { type?: unknown }).type === 'entity.too.large';
}

function formatMb(bytes: number): string {
  const mb = bytes / MB;
  return Number.isInteger(mb) ? `${mb} MB` : `${bytes} bytes`;
}
