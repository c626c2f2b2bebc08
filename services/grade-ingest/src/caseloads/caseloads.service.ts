import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { mentorHoldsStudent } from './infrastructure/caseloads.store';

/** Who mentors whom right now, as the case events told us. */
@Injectable()
export class Caseloads {
  constructor(private readonly dataSource: DataSource) {}

  /** True when the mentor holds the student's open case (offered to them or accepted). */
  isCurrentMentor(mentorId: string, studentId: string): Promise<boolean> {
    return mentorHoldsStudent(this.dataSource.manager, mentorId, studentId);
  }
}
