import { ApiProperty } from '@nestjs/swagger';
import { IsArray, ValidateBy } from 'class-validator';

/** Records one request may carry; each is validated on its own, so one bad record never fails the batch. */
export const MAX_RECORDS_PER_REQUEST = 10_000;

export class SubmitGradesRequest {
  @ApiProperty({
    description: `Grade records (see registrar.grades.submitted.v1), 1 to ${MAX_RECORDS_PER_REQUEST}`,
    type: 'array',
    items: { type: 'object' },
    maxItems: MAX_RECORDS_PER_REQUEST,
  })
  @IsArray({ message: 'must be an array of grade records' })
  // One rule for both bounds that only speaks about arrays, so a string gets one clear problem.
  @ValidateBy({
    name: 'isGradeBatchSize',
    validator: {
      validate: (value) => !Array.isArray(value) || (value.length >= 1 && value.length <= MAX_RECORDS_PER_REQUEST),
      defaultMessage: (args) =>
        Array.isArray(args?.value) && args.value.length === 0
          ? 'must contain at least one grade record'
          : `must contain at most ${MAX_RECORDS_PER_REQUEST} grade records; split larger batches`,
    },
  })
  records!: unknown[];
}
