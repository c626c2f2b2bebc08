import { plainToInstance, Type } from 'class-transformer';
import { IsInt, IsString, Max, ValidateNested, validateSync } from 'class-validator';
import { toFieldProblems } from '@mentoring/contracts';

class GradeRecord {
  @IsString()
  studentId!: string;

  @IsInt()
  @Max(100)
  score!: number;
}

class Batch {
  @ValidateNested({ each: true })
  @Type(() => GradeRecord)
  records!: GradeRecord[];
}

describe('toFieldProblems', () => {
  it('lists every problem with its dotted field path', () => {
    const batch = plainToInstance(Batch, { records: [{ studentId: 's-1', score: 50 }, { studentId: 7, score: 101.5 }] });

    expect(toFieldProblems(validateSync(batch))).toEqual([
      { field: 'records.1.studentId', problem: 'studentId must be a string' },
      { field: 'records.1.score', problem: 'score must not be greater than 100' },
      { field: 'records.1.score', problem: 'score must be an integer number' },
    ]);
  });
});
