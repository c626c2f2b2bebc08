import { randomUUID } from 'node:crypto';
import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { assertOwnerOrRoles, Principal } from '@mentoring/auth';
import { FieldProblem, validatePayload } from '@mentoring/contracts';
import { activeTraceparent, currentContext } from '@mentoring/observability';
import { ImportEntity } from './infrastructure/import.entity';
import { ImportStore } from './infrastructure/imports.store';
import { DEFAULT_REJECTIONS_PAGE, ImportReport, ImportReportQuery, toImportReport } from './import-report';
import { ImportProcessor } from './import-processor';
import { mappingOf, OneRosterImportFields } from './oneroster-import.fields';
import { planUpload, UploadedPart } from './upload-plan';
import { UploadStore } from './upload-store';

/** Starting OneRoster imports, their reports, and resuming interrupted ones. */
@Injectable()
export class ImportsService {
  constructor(
    private readonly store: ImportStore,
    private readonly uploads: UploadStore,
    private readonly processor: ImportProcessor,
  ) {}

  /** Keeps the upload, records the import and starts it; file-level problems show in its report. */
  async start(feed: string, parts: UploadedPart[], formFields: unknown): Promise<ImportEntity> {
    const fields = validatePayload(OneRosterImportFields, formFields ?? {});
    const plan = planUpload(parts);
    const problems = [...(fields.ok ? [] : fields.problems), ...(plan.ok ? [] : plan.problems)];
    if (!fields.ok || !plan.ok) {
      await this.uploads.discardParts(parts);
      throw badRequest(problems);
    }
    const id = randomUUID();
    const upload = await this.uploads.keep(id, plan.value);
    const created = await this.store.create({ id, feed, upload, mapping: mappingOf(fields.value), correlationId: currentContext()?.correlationId ?? id, traceparent: activeTraceparent() ?? null });
    await this.processor.resume(id);
    return created;
  }

  async report(id: string, principal: Principal, query: ImportReportQuery): Promise<ImportReport> {
    const entity = await this.visibleImport(id, principal);
    const limit = query.rejectionsLimit ?? DEFAULT_REJECTIONS_PAGE;
    const rejections = await this.store.rejections(id, query.rejectionsAfterRow ?? 0, limit);
    return toImportReport(entity, rejections, limit);
  }

  /** Resumes an unfinished import nobody is working on (e.g. its replica crashed) from its last persisted row. */
  async resume(id: string, principal: Principal): Promise<ImportReport> {
    const entity = await this.visibleImport(id, principal);
    if (entity.status !== 'processing') throw new ConflictException(`import ${id} is ${entity.status}; only an unfinished import can be resumed`);
    if (!(await this.processor.resume(id))) {
      throw new ConflictException(`import ${id} is being processed by a running replica; it is resumed automatically if that replica stops`);
    }
    return this.report(id, principal, {});
  }

  private async visibleImport(id: string, principal: Principal): Promise<ImportEntity> {
    const entity = await this.store.find(id);
    if (entity === null) throw new NotFoundException(`no import ${id}`);
    assertOwnerOrRoles(principal, { role: 'registrar-feed', id: entity.feed }, 'ops');
    return entity;
  }
}

function badRequest(problems: FieldProblem[]): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', problems });
}
