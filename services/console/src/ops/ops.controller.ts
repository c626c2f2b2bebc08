import { Controller, Get, NotFoundException, Param, ParseUUIDPipe, PipeTransform, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Roles } from '@mentoring/auth';
import path from 'node:path';
import { callerOf } from '../service-api/caller-of';
import { BACKEND_SERVICES, BackendService } from '../service-api/service-api';
import { ConsoleRequest, ConsoleResponse } from '../web/console-request';
import { HtmlPage } from '../web/html-page.decorator';
import { redirectWithNotice } from '../web/notice';
import { PageRenderer } from '../web/page-renderer';
import { DeadLettersService } from './dead-letters.service';
import { pipelinePage } from './domain/pipeline-page';
import { describeReplay } from './domain/replay-notice';
import { sloPanel, traceLink } from './domain/slo-panel';
import { ConsoleConfig } from '../config/console.config';
import { PipelineHealthService } from './pipeline-health.service';

const VIEWS = path.join(__dirname, 'views');

/** The `:service` of a dead-letter route: one of the four services, else 404. */
class BackendServicePipe implements PipeTransform<string, BackendService> {
  transform(value: string): BackendService {
    if (!(BACKEND_SERVICES as readonly string[]).includes(value)) throw new NotFoundException(`No service named ${value}`);
    return value as BackendService;
  }
}

/** Pipeline health and dead letters, for the operations team. */
@ApiExcludeController()
@Roles('ops')
@Controller('ops')
export class OpsController {
  constructor(
    private readonly health: PipelineHealthService,
    private readonly deadLetters: DeadLettersService,
    private readonly pages: PageRenderer,
    private readonly config: ConsoleConfig,
  ) {}

  @Get()
  @HtmlPage()
  async pipeline(@Req() request: ConsoleRequest, @Res({ passthrough: true }) response: ConsoleResponse): Promise<string> {
    const [services, promises] = await Promise.all([this.health.overview(), this.health.promises()]);
    return this.pages.render(request, response, path.join(VIEWS, 'pipeline.hbs'), { title: 'Pipeline health', ...pipelinePage(services), slos: sloPanel(promises) });
  }

  @Get('dead-letters')
  @HtmlPage()
  async deadLetterList(@Req() request: ConsoleRequest, @Res({ passthrough: true }) response: ConsoleResponse): Promise<string> {
    const services = (await this.deadLetters.listAll(callerOf(request))).map((entry) => ({
      ...entry,
      items: entry.items.map((item) => ({ ...item, traceUrl: traceLink(this.config.TRACE_URL_TEMPLATE, item.traceId) })),
    }));
    const pending = services.reduce((total, entry) => total + entry.items.filter((item) => item.status === 'pending').length, 0);
    return this.pages.render(request, response, path.join(VIEWS, 'dead-letters.hbs'), { title: 'Dead letters', services, pending });
  }

  @Post('dead-letters/:service/:id/replay')
  async replay(
    @Req() request: ConsoleRequest,
    @Res() response: ConsoleResponse,
    @Param('service', BackendServicePipe) service: BackendService,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    const answer = await this.deadLetters.replay(service, id, callerOf(request));
    redirectWithNotice(response, '/ops/dead-letters', describeReplay(service, answer));
  }

  @Post('dead-letters/:service/:id/discard')
  async discard(
    @Req() request: ConsoleRequest,
    @Res() response: ConsoleResponse,
    @Param('service', BackendServicePipe) service: BackendService,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    await this.deadLetters.discard(service, id, callerOf(request));
    redirectWithNotice(response, '/ops/dead-letters', `Dead letter discarded (${service}); it will not be replayed`);
  }
}
