// What other features may use of caseloads: who mentors whom, through its module.
export { Caseloads } from './caseloads.service';
export { CaseloadsModule } from './caseloads.module';
