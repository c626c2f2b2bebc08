import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { Nullable } from '../reply';

// What grade-ingest's submission and import routes answer, as far as the demo reads them.

/** How many records of a batch or an import ended each way. */
export class GradeOutcomeCountsReply {
  @IsInt() @Min(0) accepted!: number;
  @IsInt() @Min(0) duplicate!: number;
  @IsInt() @Min(0) amended!: number;
  @IsInt() @Min(0) rejected!: number;
}

export class RecordProblemReply {
  @IsString() field!: string;
}

export class RecordResultReply {
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => RecordProblemReply) problems?: RecordProblemReply[];
}

/** POST /v1/grades: the batch's counts and each record's outcome, in the order sent. */
export class GradesReceiptReply {
  @IsObject() @ValidateNested() @Type(() => GradeOutcomeCountsReply) summary!: GradeOutcomeCountsReply;
  @IsArray() @ValidateNested({ each: true }) @Type(() => RecordResultReply) results!: RecordResultReply[];
}

/** POST /v1/imports/oneroster: the import runs in the background; `report` is where to follow it. */
export class ImportStartedReply {
  @IsString() importId!: string;
  @IsIn(['processing', 'completed', 'failed']) status!: 'processing' | 'completed' | 'failed';
  @IsString() report!: string;
}

export class RowProblemReply {
  @IsString() column!: string;
}

export class RowRejectionReply {
  @IsInt() row!: number;
  @IsArray() @ValidateNested({ each: true }) @Type(() => RowProblemReply) problems!: RowProblemReply[];
}

export class RejectionsPageReply {
  @IsInt() @Min(0) total!: number;
  @IsArray() @ValidateNested({ each: true }) @Type(() => RowRejectionReply) items!: RowRejectionReply[];
}

export class ImportFailureReply {
  @IsString() code!: string;
  @IsString() message!: string;
}

/** GET /v1/imports/:id: where an import stands, its counts so far and a page of rejected rows. */
export class ImportReportReply extends GradeOutcomeCountsReply {
  @IsIn(['processing', 'completed', 'failed']) status!: 'processing' | 'completed' | 'failed';
  @IsInt() @Min(0) rowsRead!: number;
  @Nullable() @IsObject() @ValidateNested() @Type(() => ImportFailureReply) error!: ImportFailureReply | null;
  @IsObject() @ValidateNested() @Type(() => RejectionsPageReply) rejections!: RejectionsPageReply;
}
