export * from './grade-fact';
export * from './risk-policy';
export * from './standing';
export { assessStanding, type StandingInput } from './assess-standing';
export { standingChanged } from './standing-changed';
export { validatePolicy, type PolicyProblem, type PolicyValidation } from './validate-policy';
export { academicYearBeginning, type MonthDay } from './academic-year';
