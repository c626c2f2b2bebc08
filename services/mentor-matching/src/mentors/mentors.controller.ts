import { Body, Controller, Get, HttpCode, Param, Post, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ownerInParam, Roles } from '@mentoring/auth';
import type { IncomingMessage } from 'node:http';
import { readImportRows } from '../bulk-import/import-body';
import { MentorAvailabilityDto, MentorProfileDto, NewMentorDto } from './mentor.dto';
import { MENTOR_CSV_COLUMNS } from './mentor-csv';
import { MentorsService } from './mentors.service';

@ApiTags('mentors')
@ApiBearerAuth()
@Controller('v1/mentors')
export class MentorsController {
  constructor(private readonly mentors: MentorsService) {}

  @Post()
  @Roles('coordinator')
  @ApiOperation({ summary: 'Add a mentor (409 if the id exists)' })
  create(@Body() dto: NewMentorDto) {
    return this.mentors.create(dto);
  }

  @Post('import')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiConsumes('application/json', 'text/csv')
  @ApiOperation({ summary: 'Create or update many mentors from a JSON array or a CSV file; bad rows are listed with every problem' })
  async import(@Req() request: IncomingMessage, @Body() body: unknown) {
    return this.mentors.import(await readImportRows(request, body, MENTOR_CSV_COLUMNS));
  }

  @Get()
  @Roles('coordinator', 'ops')
  list() {
    return this.mentors.list();
  }

  @Get(':mentorId')
  @Roles('coordinator', 'ops', ownerInParam('mentor', 'mentorId'))
  @ApiOperation({ summary: 'A mentor’s profile, open cases and responsiveness' })
  get(@Param('mentorId') mentorId: string) {
    return this.mentors.get(mentorId);
  }

  @Put(':mentorId')
  @Roles('coordinator')
  @ApiOperation({ summary: 'Replace a mentor’s profile (their open cases stay)' })
  replace(@Param('mentorId') mentorId: string, @Body() dto: MentorProfileDto) {
    return this.mentors.replace(mentorId, dto);
  }

  @Put(':mentorId/availability')
  @Roles('coordinator', ownerInParam('mentor', 'mentorId'))
  @ApiOperation({ summary: 'Set weekly availability, time zone, one-off blocks and leave' })
  setAvailability(@Param('mentorId') mentorId: string, @Body() dto: MentorAvailabilityDto) {
    return this.mentors.setAvailability(mentorId, dto);
  }
}
