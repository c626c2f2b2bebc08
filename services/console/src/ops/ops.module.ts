import { Module } from '@nestjs/common';
import { DeadLettersService } from './dead-letters.service';
import { OpsController } from './ops.controller';
import { PipelineHealthService } from './pipeline-health.service';

/** The operations team's pages: pipeline health and dead letters. */
@Module({ controllers: [OpsController], providers: [PipelineHealthService, DeadLettersService] })
export class OpsModule {}
