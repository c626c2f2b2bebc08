import { Module } from '@nestjs/common';
import { AvailabilityController } from './availability.controller';
import { MentorCasesController } from './mentor-cases.controller';

/** The mentor's pages: caseload, cases with their actions, availability. */
@Module({ controllers: [MentorCasesController, AvailabilityController] })
export class MentorModule {}
