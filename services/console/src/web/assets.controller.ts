import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@mentoring/auth';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The one stylesheet; pages carry no scripts, so the CSP can forbid them all. */
@ApiExcludeController()
@Public()
@Controller('assets')
export class AssetsController {
  private readonly stylesheet = readFileSync(path.join(__dirname, 'assets', 'console.css'), 'utf8');

  @Get('console.css')
  @Header('Content-Type', 'text/css; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=300')
  stylesheetFile(): string {
    return this.stylesheet;
  }
}
