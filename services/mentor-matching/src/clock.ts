// The platform's clock (libs/platform), under the path this service's modules have always used.
export { Clock, CLOCK, systemClock } from '@mentoring/platform';
