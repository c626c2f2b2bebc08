import { Body, Controller, Get, HttpCode, Param, Post, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, ownerInParam, Principal, Roles } from '@mentoring/auth';
import { bodyLimitBytes } from '@mentoring/platform';
import { DirectoryImportReply, MentorReply, Served } from '@mentoring/contracts';
import type { IncomingMessage } from 'node:http';
import { readImportRows } from '../bulk-import/import-body';
import { MentorMatchingConfig } from '../config/mentor-matching.config';
import { MentorAvailabilityDto, MentorProfileDto, NewMentorDto } from './mentor.dto';
import { MENTOR_CSV_COLUMNS } from './mentor-csv';
import { MentorsService } from './mentors.service';

@ApiTags('mentors')
@ApiBearerAuth()
@Controller('v1/mentors')
export class MentorsController {
  constructor(
    private readonly mentors: MentorsService,
    private readonly config: MentorMatchingConfig,
  ) {}

  @Post()
  @Roles('coordinator')
  @ApiOperation({ summary: 'Add a mentor to the coordinator’s programmes (409 if the id exists)' })
  create(@CurrentPrincipal() principal: Principal, @Body() dto: NewMentorDto) {
    return this.mentors.create(principal, dto);
  }

  @Post('import')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiConsumes('application/json', 'text/csv')
  @ApiOperation({ summary: 'Create or update many mentors from a JSON array or a CSV file; bad rows, and rows beyond the coordinator’s programmes, are listed with every problem' })
  async import(@CurrentPrincipal() principal: Principal, @Req() request: IncomingMessage, @Body() body: unknown): Promise<Served<DirectoryImportReply>> {
    return this.mentors.import(principal, await readImportRows(request, body, MENTOR_CSV_COLUMNS, bodyLimitBytes(this.config.HTTP_BODY_LIMIT_MB)));
  }

  @Get()
  @Roles('coordinator', 'ops')
  @ApiOperation({ summary: 'Every mentor (ops), or the mentors of the coordinator’s programmes' })
  list(@CurrentPrincipal() principal: Principal): Promise<Served<MentorReply>[]> {
    return this.mentors.list(principal);
  }

  @Get(':mentorId')
  @Roles('coordinator', 'ops', ownerInParam('mentor', 'mentorId'))
  @ApiOperation({ summary: 'A mentor’s profile, open cases and responsiveness (a coordinator: mentors of their programmes)' })
  get(@CurrentPrincipal() principal: Principal, @Param('mentorId') mentorId: string): Promise<Served<MentorReply>> {
    return this.mentors.get(principal, mentorId);
  }

  @Put(':mentorId')
  @Roles('coordinator')
  @ApiOperation({ summary: 'Replace a mentor’s profile (their open cases stay); a coordinator adds or removes only their own programmes' })
  replace(@CurrentPrincipal() principal: Principal, @Param('mentorId') mentorId: string, @Body() dto: MentorProfileDto) {
    return this.mentors.replace(principal, mentorId, dto);
  }

  @Put(':mentorId/availability')
  @Roles('coordinator', ownerInParam('mentor', 'mentorId'))
  @ApiOperation({ summary: 'Set weekly availability, time zone, one-off blocks and leave' })
  setAvailability(@CurrentPrincipal() principal: Principal, @Param('mentorId') mentorId: string, @Body() dto: MentorAvailabilityDto) {
    return this.mentors.setAvailability(principal, mentorId, dto);
  }
}
