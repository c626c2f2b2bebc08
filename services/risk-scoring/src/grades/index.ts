// The only way other features reach student_grades.
export { loadGradeFacts, recordCurrentGrade } from './infrastructure/grades.store';
