import { CallHandler, ExecutionContext, Injectable, NestInterceptor, PayloadTooLargeException } from '@nestjs/common';
import { catchError, Observable, throwError } from 'rxjs';
import { GradeIngestConfig } from '../config/grade-ingest.config';

/**
 * Multer answers an oversized file with a bare "File too large"; a registrar needs to know the
 * limit and that nothing was kept, in the same `problems` shape as every other refused upload.
 */
@Injectable()
export class UploadTooLargeInterceptor implements NestInterceptor {
  constructor(private readonly config: GradeIngestConfig) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((error: unknown) => throwError(() => (error instanceof PayloadTooLargeException ? this.explained() : error))));
  }

  private explained(): PayloadTooLargeException {
    const limit = this.config.MAX_UPLOAD_FILE_MB;
    return new PayloadTooLargeException({
      statusCode: 413,
      error: 'Payload Too Large',
      code: 'too-large',
      problems: [{ field: 'files', problem: `a file is larger than ${limit} MB, the most one uploaded file may be (MAX_UPLOAD_FILE_MB); nothing was kept` }],
    });
  }
}
