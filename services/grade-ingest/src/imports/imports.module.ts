import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { diskStorage } from 'multer';
import { join } from 'node:path';
import { GradeIngestConfig } from '../config/grade-ingest.config';
import { GradesModule } from '../grades';
import { ImportStore } from './infrastructure/imports.store';
import { ImportProcessor } from './import-processor';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';
import { UploadStore } from './upload-store';

const MB = 1024 * 1024;
// A OneRoster set has at most a dozen files; anything beyond is not a file set.
const MAX_FILES = 16;
const MAX_FIELDS = 16;
// assessmentTypeByCategory is the longest field: a JSON map of category titles.
const MAX_FIELD_BYTES = 64 * 1024;

/** OneRoster 1.2 CSV imports: uploads saved to disk, imported batch by batch, resumable. */
@Module({
  imports: [
    GradesModule,
    MulterModule.registerAsync({
      inject: [GradeIngestConfig],
      // Uploads go to disk, never memory: results.csv is read twice and may hold 100,000 rows.
      // They land under UPLOAD_DIR, so moving one into its import's folder is a rename.
      useFactory: (config: GradeIngestConfig) => ({
        storage: diskStorage({ destination: join(config.UPLOAD_DIR, 'incoming') }),
        // Every part of the request is bounded, not only files: the form has three short fields.
        limits: { fileSize: config.MAX_UPLOAD_FILE_MB * MB, files: MAX_FILES, fields: MAX_FIELDS, parts: MAX_FILES + MAX_FIELDS, fieldSize: MAX_FIELD_BYTES, fieldNameSize: 100, headerPairs: 100 },
      }),
    }),
  ],
  controllers: [ImportsController],
  providers: [ImportStore, UploadStore, ImportProcessor, ImportsService],
})
export class ImportsModule {}
