import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '@mentoring/auth';
import { Served, OutcomesReportReply } from '@mentoring/contracts';
import { Clock, CLOCK } from '@mentoring/platform';
import { DataSource } from 'typeorm';
import { CaseFacts } from '../cases';
import { MentorDirectory } from '../mentors';
import { programmesAsked } from '../shared/programme-reach';
import { casesOpenedFor } from './domain/opening-counts';
import { CaseOutcomeFacts, figuresBy, outcomeFigures } from './domain/outcome-figures';
import { OutcomesReportQuery } from './outcomes-report.query';

/** How quickly flagged students were reached and met, and how their cases ended; a coordinator sees their programmes only. */
@Injectable()
export class OutcomesReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseFacts,
    private readonly mentors: MentorDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async outcomes(principal: Principal, query: OutcomesReportQuery): Promise<Served<OutcomesReportReply>> {
    const manager = this.dataSource.manager;
    const asOf = this.clock.now();
    const inScope = await this.cases.timings(manager, {
      programmes: programmesAsked(principal, query.program),
      since: query.since ? new Date(query.since) : undefined,
      mentorId: query.mentorId,
    });
    const records: CaseOutcomeFacts[] = query.openedFor ? inScope.filter((record) => record.openedFor === query.openedFor) : inScope;
    const byMentor = figuresBy(records, (record) => record.mentorId, asOf, query.closureAfterDays);
    const names = new Map((await this.mentors.findMany(manager, byMentor.map(({ key }) => key))).map((mentor) => [mentor.id, mentor.displayName]));
    return {
      asOf,
      since: query.since ?? null,
      total: outcomeFigures(records, asOf, query.closureAfterDays),
      programmes: figuresBy(records, (record) => record.program, asOf, query.closureAfterDays).map(({ key, figures }) => ({ program: key, ...figures })),
      mentors: byMentor.map(({ key, figures }) => ({ mentorId: key, displayName: names.get(key) ?? key, ...figures })),
      casesOpenedFor: casesOpenedFor(inScope),
    };
  }
}
