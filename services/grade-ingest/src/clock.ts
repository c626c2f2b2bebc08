// The platform's clock (libs/platform), under the path this service's modules have always used.
export type { Clock } from '@mentoring/platform';
export { CLOCK, systemClock } from '@mentoring/platform';
