import { ApiPropertyOptional } from '@nestjs/swagger';
import { ASSESSMENT_TYPES, AssessmentType, PROGRAM_CODE } from '@mentoring/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsNumber, IsOptional, Matches, Min, ValidateBy } from 'class-validator';
import { parseProgramMap, parseYearMap, PROGRAM_MAP_PROBLEM, YEAR_MAP_PROBLEM } from '../config/oneroster-mappings';
import { OneRosterMapping } from './oneroster';

// The contract's range for yearOfStudy, as one rule so a bad value gets one problem.
const YEARS_OF_STUDY = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

const CATEGORY_MAP_PROBLEM = 'must be a JSON object mapping category titles to summative or formative, e.g. {"Exams":"summative"}';

/** Form fields of an upload that fill in what the files leave open (imports/README.md). */
export class OneRosterImportFields {
  @ApiPropertyOptional({ description: 'Programme of students whom neither the org hierarchy nor metadata.program places', example: 'MBBS' })
  @IsOptional()
  @Matches(PROGRAM_CODE, { message: 'must be an upper-case programme code such as MBBS' })
  defaultProgram?: string;

  @ApiPropertyOptional({ description: 'Year of study of students for whom the files name none', minimum: 1, maximum: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsIn(YEARS_OF_STUDY, { message: 'must be a whole number from 1 to 10' })
  defaultYearOfStudy?: number;

  @ApiPropertyOptional({ description: 'JSON: org sourcedId, identifier or name -> programme code, for orgs whose identifier is not a programme code', example: '{"org-mbbs":"MBBS"}' })
  @IsOptional()
  @ValidateBy({ name: 'isProgramMap', validator: { validate: (value) => parseProgramMap(value) !== undefined, defaultMessage: () => PROGRAM_MAP_PROBLEM } })
  programByOrg?: string;

  @ApiPropertyOptional({ description: 'JSON: programme code -> year of study, for students the files give no year', example: '{"MBBS":1}' })
  @IsOptional()
  @ValidateBy({ name: 'isYearMap', validator: { validate: (value) => parseYearMap(value) !== undefined, defaultMessage: () => YEAR_MAP_PROBLEM } })
  defaultYearByProgram?: string;

  @ApiPropertyOptional({ description: 'Maximum score of line items with neither resultValueMax nor a score scale', example: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number greater than 0' })
  @Min(Number.MIN_VALUE, { message: 'must be a number greater than 0' })
  defaultMaxScore?: number;

  @ApiPropertyOptional({ description: 'JSON: category title -> assessment type, for line items without metadata.assessmentType', example: '{"Exams":"summative"}' })
  @IsOptional()
  @ValidateBy({ name: 'isAssessmentTypeMap', validator: { validate: (value) => parseCategoryMap(value) !== undefined, defaultMessage: () => CATEGORY_MAP_PROBLEM } })
  assessmentTypeByCategory?: string;
}

/** The mapping the fields describe. */
export function mappingOf(fields: OneRosterImportFields): OneRosterMapping {
  return {
    ...(fields.defaultProgram !== undefined && { defaultProgram: fields.defaultProgram }),
    ...(fields.defaultYearOfStudy !== undefined && { defaultYearOfStudy: fields.defaultYearOfStudy }),
    ...(fields.assessmentTypeByCategory !== undefined && { assessmentTypeByCategory: parseCategoryMap(fields.assessmentTypeByCategory) }),
    ...(fields.programByOrg !== undefined && { programByOrg: parseProgramMap(fields.programByOrg) }),
    ...(fields.defaultYearByProgram !== undefined && { defaultYearByProgram: parseYearMap(fields.defaultYearByProgram) }),
    ...(fields.defaultMaxScore !== undefined && { defaultMaxScore: fields.defaultMaxScore }),
  };
}

function parseCategoryMap(text: unknown): Record<string, AssessmentType> | undefined {
  if (typeof text !== 'string') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const entries = Object.entries(parsed);
  if (!entries.every(([, type]) => (ASSESSMENT_TYPES as readonly unknown[]).includes(type))) return undefined;
  return Object.fromEntries(entries) as Record<string, AssessmentType>;
}
