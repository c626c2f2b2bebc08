import { DynamicModule, Module } from '@nestjs/common';
import { Clock, CLOCK } from '../clock';
import { MATCHING_SETTINGS, matchingSettingsFrom } from './matching-settings';
import { MentorMatchingConfig } from './mentor-matching.config';

/** The clock and the matching rules, global so every feature module reads the same ones. */
@Module({})
export class SettingsModule {
  static register(config: MentorMatchingConfig, clock: Clock): DynamicModule {
    return {
      module: SettingsModule,
      global: true,
      providers: [
        { provide: CLOCK, useValue: clock },
        { provide: MATCHING_SETTINGS, useValue: matchingSettingsFrom(config) },
      ],
      exports: [CLOCK, MATCHING_SETTINGS],
    };
  }
}
