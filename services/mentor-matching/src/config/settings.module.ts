import { DynamicModule, Module } from '@nestjs/common';
import { MATCHING_SETTINGS, matchingSettingsFrom } from './matching-settings';
import { MentorMatchingConfig } from './mentor-matching.config';

/** The matching rules, global so every feature module reads the same ones. */
@Module({})
export class SettingsModule {
  static register(config: MentorMatchingConfig): DynamicModule {
    return {
      module: SettingsModule,
      global: true,
      providers: [
        { provide: MATCHING_SETTINGS, useValue: matchingSettingsFrom(config) },
      ],
      exports: [MATCHING_SETTINGS],
    };
  }
}
