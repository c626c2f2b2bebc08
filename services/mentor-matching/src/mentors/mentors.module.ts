import { DynamicModule, Module, ModuleMetadata } from '@nestjs/common';
import { MentorsController } from './mentors.controller';
import { MentorsService } from './mentors.service';

@Module({})
export class MentorsModule {
  /** `caseActivity` provides MentorCaseActivity: the composition root names it, so mentors never import the features above them. */
  static register(caseActivity: NonNullable<ModuleMetadata['imports']>): DynamicModule {
    return { module: MentorsModule, imports: caseActivity, controllers: [MentorsController], providers: [MentorsService] };
  }
}
