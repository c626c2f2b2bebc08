import { Injectable } from '@nestjs/common';
import { MetricsService } from '@mentoring/observability';
import { Counter } from 'prom-client';
import { RecordingOutcome } from './domain';
import { GradeChannel } from './infrastructure/grade.entity';

export type GradeOutcomeName = RecordingOutcome['outcome'];

/** `grade_ingest_grades_total{channel, outcome}`: what became of every submitted grade. */
@Injectable()
export class GradeMetrics {
  private readonly grades: Counter<'channel' | 'outcome'>;

  constructor(metrics: MetricsService) {
    this.grades = metrics.createCounter('grade_ingest_grades_total', 'Submitted grade records by path and outcome', ['channel', 'outcome']);
  }

  count(channel: GradeChannel, outcomes: readonly GradeOutcomeName[]): void {
    for (const outcome of outcomes) this.grades.inc({ channel, outcome });
  }
}
