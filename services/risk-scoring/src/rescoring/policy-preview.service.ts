import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK } from '@mentoring/platform';
import { DataSource } from 'typeorm';
import { parsePolicyBody, PolicyStore } from '../policies';
import { StandingsService } from '../standings/standings.service';
import { addToTally, emptyTally, PreviewTally } from './preview-tally';

/** Students read per query while previewing; nothing is locked or written. */
const PREVIEW_PAGE_SIZE = 1_000;

export interface PolicyPreview extends PreviewTally {
  program: string;
  /** The version the preview compares against. */
  currentPolicyVersion: number;
}

/** What a proposed policy would do to a programme's standings, before a coordinator saves it. */
@Injectable()
export class PolicyPreviewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policies: PolicyStore,
    private readonly standings: StandingsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async preview(program: string, body: unknown): Promise<PolicyPreview> {
    const settings = parsePolicyBody(body);
    const manager = this.dataSource.manager;
    const current = await this.policies.current(manager, program);
    const now = this.clock.now();
    let tally = emptyTally();
    let cursor: string | null = null;
    for (;;) {
      const students = await this.standings.nextStudents(manager, program, cursor, PREVIEW_PAGE_SIZE);
      const assessments = await this.standings.assess(manager, students, settings, now);
      tally = addToTally(
        tally,
        assessments.map(({ previous, standing, changed }) => ({ from: previous?.level ?? 'ok', to: standing.level, changed })),
      );
      if (students.length < PREVIEW_PAGE_SIZE) return { program, currentPolicyVersion: current.version, ...tally };
      cursor = students[students.length - 1].studentId;
    }
  }
}
