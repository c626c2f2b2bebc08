import { Column, Entity, PrimaryColumn } from 'typeorm';
import { RowProblem } from '../domain';

/** A results.csv row an import did not record, with every problem found in it. */
@Entity({ name: 'import_rejections' })
export class ImportRejectionEntity {
  @PrimaryColumn('uuid', { name: 'import_id' }) importId!: string;
  @PrimaryColumn('int') row!: number;
  @Column('text', { name: 'source_record_id' }) sourceRecordId!: string;
  @Column('jsonb') problems!: RowProblem[];
}
