import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { AnyFilesInterceptor } from '@nestjs/platform-express';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@mentoring/auth';
import { ImportReportReply, ImportStartedReply, Served } from '@mentoring/contracts';
import { Response } from 'express';
import { ImportReportQuery } from './import-report';
import { ImportsService } from './imports.service';
import { UploadTooLargeInterceptor } from './upload-too-large.interceptor';

const UPLOAD_SCHEMA = {
  type: 'object',
  description:
    'results.csv and lineItems.csv (optionally manifest.csv, users.csv, classes.csv, courses.csv, categories.csv, orgs.csv, roles.csv, scoreScales.csv, lineItemScoreScales.csv, resultScoreScales.csv, enrollments.csv) as files named so, or one .zip of them; ' +
    'optional fields defaultProgram, defaultYearOfStudy, programByOrg (JSON), defaultYearByProgram (JSON), defaultMaxScore, assessmentTypeByCategory (JSON)',
  properties: {
    files: { type: 'array', items: { type: 'string', format: 'binary' } },
    defaultProgram: { type: 'string' },
    defaultYearOfStudy: { type: 'integer' },
    programByOrg: { type: 'string' },
    defaultYearByProgram: { type: 'string' },
    defaultMaxScore: { type: 'number' },
    assessmentTypeByCategory: { type: 'string' },
  },
} as const;

@ApiTags('imports')
@ApiBearerAuth()
@Controller('v1/imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post('oneroster')
  @HttpCode(202)
  @Roles('registrar-feed')
  // Outermost first: it sees what the file interceptor refuses.
  @UseInterceptors(UploadTooLargeInterceptor, AnyFilesInterceptor())
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: UPLOAD_SCHEMA })
  @ApiOperation({ summary: 'Import a OneRoster 1.2 CSV file set for the calling feed' })
  @ApiAcceptedResponse({ description: 'The import runs in the background; follow Location for its report' })
  async upload(
    @UploadedFiles() files: Express.Multer.File[] | undefined,
    // Form fields are checked with the upload, so a refused request leaves no file behind.
    @Body() fields: Record<string, unknown>,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Served<ImportStartedReply>> {
    const parts = (files ?? []).map((file) => ({ fieldName: file.fieldname, originalName: file.originalname, path: file.path }));
    const created = await this.imports.start(principal.subject, parts, fields);
    const report = `/v1/imports/${created.id}`;
    response.setHeader('Location', report);
    return { importId: created.id, status: created.status, report };
  }

  @Get(':id')
  // Not coordinators: one import spans every programme of the feed, and its rejected rows name students of all of them.
  @Roles('registrar-feed', 'ops')
  @ApiOperation({ summary: 'Import report: status, counts, file-level error, rejected rows (paginated by row)' })
  report(@Param('id', ParseUUIDPipe) id: string, @Query() query: ImportReportQuery, @CurrentPrincipal() principal: Principal): Promise<Served<ImportReportReply>> {
    return this.imports.report(id, principal, query);
  }

  @Post(':id/resume')
  @HttpCode(202)
  @Roles('registrar-feed', 'ops')
  @ApiOperation({ summary: 'Resume an interrupted import from its last persisted row' })
  resume(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal) {
    return this.imports.resume(id, principal);
  }
}
