// What other features may use of students.
export * from './students.port';
export * from './students-core.module';
