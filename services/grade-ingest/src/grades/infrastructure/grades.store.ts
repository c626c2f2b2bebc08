import { EntityManager, QueryFailedError } from 'typeorm';
import { NewGradeVersion, StoredGrade } from '../domain';
import { GRADE_IDENTITY_CONSTRAINTS } from './1732400000000-create-grades';
import { GradeChannel, GradeEntity } from './grade.entity';

// 20 parameters a row stays far below PostgreSQL's 65,535 bind parameters per statement.
const INSERT_CHUNK = 1000;

/** Where a batch of versions came from, stored with each of them. */
export interface GradeOrigin {
  channel: GradeChannel;
  batchId: string;
}

/**
 * Another transaction recorded one of the batch's identities first. Retrying the batch classifies
 * against that grade; `retriable` makes the Kafka consumer retry instead of dead-lettering.
 */
export class ConcurrentRecordingError extends Error {
  readonly retriable = true;

  constructor(cause: unknown) {
    super('a concurrent batch recorded the same grade identity first; retry the batch', { cause });
    this.name = 'ConcurrentRecordingError';
  }
}

/**
 * The current versions of a feed's identities, locked until the transaction ends so a concurrent
 * amendment of the same grade waits; locking in identity order keeps two batches from deadlocking.
 */
export async function lockCurrentGrades(manager: EntityManager, feed: string, sourceRecordIds: string[]): Promise<Map<string, StoredGrade>> {
  if (sourceRecordIds.length === 0) return new Map();
  const rows = await manager
    .createQueryBuilder(GradeEntity, 'grade')
    .setLock('pessimistic_write')
    .where('grade.feed = :feed', { feed })
    .andWhere('grade.source_record_id = ANY(:sourceRecordIds)', { sourceRecordIds })
    .andWhere('grade.superseded_at IS NULL')
    .orderBy('grade.source_record_id')
    .getMany();
  return new Map(rows.map((row) => [row.sourceRecordId, toStoredGrade(row)]));
}

/** Marks stored versions as amended, then stores the new versions; both in the caller's transaction. */
export async function storeGradeVersions(
  manager: EntityManager,
  supersededGradeIds: string[],
  versions: NewGradeVersion[],
  origin: GradeOrigin,
): Promise<void> {
  try {
    // Superseding first takes the old versions out of the "one current version" index.
    if (supersededGradeIds.length > 0) {
      await manager.createQueryBuilder().update(GradeEntity).set({ supersededAt: () => 'now()' }).where('grade_id = ANY(:supersededGradeIds)', { supersededGradeIds }).execute();
    }
    for (let start = 0; start < versions.length; start += INSERT_CHUNK) {
      const rows = versions.slice(start, start + INSERT_CHUNK).map((version) => toRow(version, origin));
      await manager.createQueryBuilder().insert().into(GradeEntity).values(rows).updateEntity(false).execute();
    }
  } catch (error) {
    throw isIdentityCollision(error) ? new ConcurrentRecordingError(error) : error;
  }
}

function isIdentityCollision(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const { code, constraint } = error.driverError as { code?: string; constraint?: string };
  return code === '23505' && (GRADE_IDENTITY_CONSTRAINTS as readonly (string | undefined)[]).includes(constraint);
}

function toRow({ grade, amendsGradeId, current }: NewGradeVersion, origin: GradeOrigin) {
  return {
    gradeId: grade.gradeId,
    feed: grade.feed,
    sourceRecordId: grade.sourceRecordId,
    version: grade.version,
    amendsGradeId,
    studentId: grade.studentId,
    program: grade.program,
    yearOfStudy: grade.yearOfStudy,
    courseCode: grade.courseCode,
    assessmentId: grade.assessmentId,
    assessmentType: grade.assessmentType,
    score: grade.score,
    maxScore: grade.maxScore,
    scoreStatus: grade.scoreStatus,
    category: grade.category ?? null,
    categoryWeight: grade.categoryWeight ?? null,
    gradedAt: new Date(grade.gradedAt),
    channel: origin.channel,
    batchId: origin.batchId,
    supersededAt: current ? null : () => 'now()',
  };
}

/** A stored row in the shape the classification compares submissions with. */
export function toStoredGrade(row: GradeEntity): StoredGrade {
  return {
    gradeId: row.gradeId,
    feed: row.feed,
    version: row.version,
    studentId: row.studentId,
    program: row.program,
    yearOfStudy: row.yearOfStudy,
    courseCode: row.courseCode,
    assessmentId: row.assessmentId,
    assessmentType: row.assessmentType,
    score: row.score,
    maxScore: row.maxScore,
    gradedAt: row.gradedAt.toISOString(),
    sourceRecordId: row.sourceRecordId,
    scoreStatus: row.scoreStatus,
    ...(row.category !== null && { category: row.category }),
    ...(row.categoryWeight !== null && { categoryWeight: row.categoryWeight }),
  };
}

/** Every stored version of a student's grades, newest version first. */
export function loadStudentGradeVersions(manager: EntityManager, studentId: string): Promise<GradeEntity[]> {
  return manager.find(GradeEntity, { where: { studentId }, order: { version: 'DESC' } });
}
