import { Module } from '@nestjs/common';
import { CaseQueue } from '../matching/case-queue';
import { MentorsController } from './mentors.controller';
import { MentorsService } from './mentors.service';

@Module({
  controllers: [MentorsController],
  providers: [MentorsService, CaseQueue],
})
export class MentorsModule {}
