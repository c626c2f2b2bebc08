import { Module } from '@nestjs/common';
import { CaseEventHandlers } from './case-event.handlers';
import { Caseloads } from './caseloads.service';

/** mentoring.case-events.v1 in: which mentor holds each student's case, for access to grades. */
@Module({ controllers: [CaseEventHandlers], providers: [Caseloads], exports: [Caseloads] })
export class CaseloadsModule {}
