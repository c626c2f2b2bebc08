import { Module } from '@nestjs/common';
import { UsedLinksStore } from './infrastructure/student-links.store';
import { LinkVerifier } from './link-verifier';
import { StudentLinksController } from './student-links.controller';
import { WellbeingController } from './wellbeing.controller';

/** Where the signed links in messages land: students' pages (no account needed), and staff links on to their pages. */
@Module({ controllers: [StudentLinksController, WellbeingController], providers: [LinkVerifier, UsedLinksStore] })
export class StudentLinksModule {}
