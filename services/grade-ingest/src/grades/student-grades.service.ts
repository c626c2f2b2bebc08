import { Injectable } from '@nestjs/common';
import { Principal } from '@mentoring/auth';
import { DataSource } from 'typeorm';
import { Caseloads } from '../caseloads';
import { percentage } from './domain';
import { assertMayReadGrades } from './grade-access';
import { GradeEntity } from './infrastructure/grade.entity';
import { loadStudentGradeVersions } from './infrastructure/grades.store';

/** An earlier value of a grade, kept when an amendment replaced it. */
export interface GradeVersionView {
  gradeId: string;
  version: number;
  program: string;
  yearOfStudy: number;
  assessmentType: string;
  score: number;
  maxScore: number;
  percentage: number;
  scoreStatus: string;
  gradedAt: string;
  recordedAt: string;
}

/** A grade's current version, with the versions it replaced (newest first). */
export interface StudentGradeView extends GradeVersionView {
  feed: string;
  sourceRecordId: string;
  courseCode: string;
  assessmentId: string;
  amendsGradeId: string | null;
  previousVersions: GradeVersionView[];
}

/** A student's recorded grades, as mentors and coordinators see them. */
@Injectable()
export class StudentGradesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly caseloads: Caseloads,
  ) {}

  /**
   * Current grades, most recently graded first, if the principal may read them (403 otherwise);
   * unknown students simply have none.
   */
  async studentGrades(principal: Principal, studentId: string): Promise<{ studentId: string; grades: StudentGradeView[] }> {
    const rows = await loadStudentGradeVersions(this.dataSource.manager, studentId);
    const holdsCase = principal.role === 'mentor' && (await this.caseloads.isCurrentMentor(principal.subject, studentId));
    assertMayReadGrades(principal, { programme: currentProgramme(rows), holdsCase });
    const versionsByIdentity = new Map<string, GradeEntity[]>();
    for (const row of rows) {
      const key = JSON.stringify([row.feed, row.sourceRecordId]);
      versionsByIdentity.set(key, [...(versionsByIdentity.get(key) ?? []), row]);
    }
    const grades = [...versionsByIdentity.values()].map(([current, ...previous]) => ({
      ...versionView(current),
      feed: current.feed,
      sourceRecordId: current.sourceRecordId,
      courseCode: current.courseCode,
      assessmentId: current.assessmentId,
      amendsGradeId: current.amendsGradeId,
      previousVersions: previous.map(versionView),
    }));
    grades.sort((a, b) => b.gradedAt.localeCompare(a.gradedAt));
    return { studentId, grades };
  }
}

/** The programme of the student's most recently graded current grade: where they study now. */
function currentProgramme(rows: GradeEntity[]): string | null {
  const current = rows.filter((row) => row.supersededAt === null);
  const latest = current.reduce<GradeEntity | null>((best, row) => (best === null || row.gradedAt > best.gradedAt ? row : best), null);
  return latest?.program ?? null;
}

function versionView(row: GradeEntity): GradeVersionView {
  return {
    gradeId: row.gradeId,
    version: row.version,
    program: row.program,
    yearOfStudy: row.yearOfStudy,
    assessmentType: row.assessmentType,
    score: row.score,
    maxScore: row.maxScore,
    percentage: percentage(row.score, row.maxScore),
    scoreStatus: row.scoreStatus,
    gradedAt: row.gradedAt.toISOString(),
    recordedAt: row.recordedAt.toISOString(),
  };
}
