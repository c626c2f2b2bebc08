import { Module } from '@nestjs/common';
import { PoliciesModule } from '../policies';
import { StandingsModule } from '../standings/standings.module';
import { PolicyPreviewController } from './policy-preview.controller';
import { PolicyPreviewService } from './policy-preview.service';
import { RescoreWorker } from './rescore.worker';

/** Applies policies to whole programmes: the durable re-score worker and the preview of a proposal. */
@Module({
  imports: [PoliciesModule, StandingsModule],
  controllers: [PolicyPreviewController],
  providers: [RescoreWorker, PolicyPreviewService],
})
export class RescoringModule {}
