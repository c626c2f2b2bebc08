import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsISO8601, IsNumber, IsObject, IsString, Matches, Min, ValidateNested } from 'class-validator';
import { RISK_LEVELS, RiskLevel } from '../../risk/risk-assessed/v1';
import { Nullable } from '../reply';

// What risk-scoring's policy and report routes answer; the service declares its answers with these
// classes and clients check replies against them.

export class LevelCountsReply implements Record<RiskLevel, number> {
  @IsInt() @Min(0) ok!: number;
  @IsInt() @Min(0) watch!: number;
  @IsInt() @Min(0) 'at-risk'!: number;
  @IsInt() @Min(0) urgent!: number;
}

export class PolicyThresholdsReply {
  @Nullable() @IsNumber() watch!: number | null;
  @IsNumber() atRisk!: number;
  @IsNumber() urgent!: number;
}

/**
 * GET /v1/policies/:program: the policy in force. Settings not declared here (the window, weights)
 * are kept in the parsed reply, so a client can send the policy back with only some settings changed.
 */
export class RiskPolicyReply {
  @IsString() program!: string;
  @IsInt() @Min(1) version!: number;
  @IsObject() @ValidateNested() @Type(() => PolicyThresholdsReply) thresholds!: PolicyThresholdsReply;
  @IsNumber() passMark!: number;
  @IsNumber() hysteresisMargin!: number;
  @IsInt() @Min(0) minSummatives!: number;
}

export class RescoreJobRefReply {
  @IsString() id!: string;
}

/** PUT /v1/policies/:program: the new version in force and the re-scoring it started, if any. */
export class PolicyReplacementReply {
  @IsObject() @ValidateNested() @Type(() => RiskPolicyReply) policy!: RiskPolicyReply;
  @Nullable() @IsObject() @ValidateNested() @Type(() => RescoreJobRefReply) rescoreJob!: RescoreJobRefReply | null;
}

export class PreviewLevelsReply {
  @IsObject() @ValidateNested() @Type(() => LevelCountsReply) current!: LevelCountsReply;
  @IsObject() @ValidateNested() @Type(() => LevelCountsReply) proposed!: LevelCountsReply;
}

export class PreviewMoveReply {
  @IsIn(RISK_LEVELS as unknown as string[]) from!: RiskLevel;
  @IsIn(RISK_LEVELS as unknown as string[]) to!: RiskLevel;
  @IsInt() @Min(0) students!: number;
}

/** POST /v1/policies/:program/preview: how many students each level would gain or lose; nothing saved. */
export class PolicyPreviewReply {
  @IsString() program!: string;
  @IsInt() @Min(1) currentPolicyVersion!: number;
  @IsInt() @Min(0) studentsAssessed!: number;
  @IsInt() @Min(0) wouldChange!: number;
  @IsObject() @ValidateNested() @Type(() => PreviewLevelsReply) levels!: PreviewLevelsReply;
  @IsArray() @ValidateNested({ each: true }) @Type(() => PreviewMoveReply) moves!: PreviewMoveReply[];
}

/** One row of GET /v1/reports/flag-rates: a programme's year of study. */
export class FlagRateRowReply {
  @IsString() program!: string;
  @IsInt() @Min(1) yearOfStudy!: number;
  @IsInt() @Min(0) students!: number;
  @IsObject() @ValidateNested() @Type(() => LevelCountsReply) levels!: LevelCountsReply;
  /** Share of students flagged at any level (watch, at-risk, urgent). */
  @IsNumber() flagRate!: number;
  /** Share of students at at-risk or urgent. */
  @IsNumber() supportRate!: number;
}

/** GET /v1/reports/flag-rates. */
export class FlagRatesReply {
  @IsISO8601() generatedAt!: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => FlagRateRowReply) groups!: FlagRateRowReply[];
}

/** One row of GET /v1/reports/flag-trend: a programme's ISO week (UTC). */
export class FlagTrendRowReply {
  @IsString() program!: string;
  /** ISO week, e.g. `2026-W47`. */
  @Matches(/^\d{4}-W\d{2}$/) week!: string;
  /** The week's Monday (UTC), e.g. `2026-11-16`. */
  @Matches(/^\d{4}-\d{2}-\d{2}$/) weekStarting!: string;
  /** Students whose standing went from ok to watch, at-risk or urgent. */
  @IsInt() @Min(0) flagged!: number;
  /** Students whose standing went from watch, at-risk or urgent back to ok. */
  @IsInt() @Min(0) backToOk!: number;
}

/** GET /v1/reports/flag-trend. */
export class FlagTrendReply {
  @IsISO8601() generatedAt!: string;
  @IsInt() @Min(1) weeks!: number;
  @IsArray() @ValidateNested({ each: true }) @Type(() => FlagTrendRowReply) groups!: FlagTrendRowReply[];
}

/** POST /v1/policies/:program/rescore and GET /v1/rescore-jobs/:id: a re-score job as coordinators and ops follow it. */
export class RescoreJobReply {
  @IsString() id!: string;
  @IsString() program!: string;
  @IsInt() @Min(1) policyVersion!: number;
  @IsString() status!: string;
  @IsInt() @Min(0) studentsAssessed!: number;
  @IsInt() @Min(0) standingsChanged!: number;
  @IsISO8601() createdAt!: string;
  @Nullable() @IsISO8601() finishedAt!: string | null;
}
