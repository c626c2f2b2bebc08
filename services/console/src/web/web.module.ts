import { Global, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AssetsController } from './assets.controller';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { PageRenderer } from './page-renderer';

/** Page rendering, the stylesheet and error pages, for every feature module. */
@Global()
@Module({
  controllers: [AssetsController],
  providers: [PageRenderer, { provide: APP_FILTER, useClass: ConsoleExceptionFilter }],
  exports: [PageRenderer],
})
export class WebModule {}
