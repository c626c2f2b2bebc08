// The shape of a promise's status as the console's pipeline-health service reads it from the services' /metrics.
export interface SloStatus {
  id: string;
  title: string;
  bound: 'max' | 'min';
  target: number;
  unit: 'seconds' | 'ratio' | 'count';
  service: string;
  current: number | null;
  met: boolean | null;
}

type Badge = 'ok' | 'warn' | 'bad';

/** One promise on the ops page: its figure now against its target, worded for people. */
export interface SloRow {
  id: string;
  title: string;
  service: string;
  current: string;
  target: string;
  badge: Badge;
  state: 'met' | 'missed' | 'not reported yet';
}

/** The promises' rows: a figure no service has reported yet is shown as unknown, not as met. */
export function sloPanel(statuses: readonly SloStatus[]): SloRow[] {
  return statuses.map((slo) => ({
    id: slo.id,
    title: slo.title,
    service: slo.service === 'all' ? 'every service' : slo.service,
    current: slo.current === null ? '—' : formatSloValue(slo.current, slo.unit),
    target: `${slo.bound === 'max' ? 'at most' : 'at least'} ${formatSloValue(slo.target, slo.unit)}`,
    badge: slo.met === null ? 'warn' : slo.met ? 'ok' : 'bad',
    state: slo.met === null ? 'not reported yet' : slo.met ? 'met' : 'missed',
  }));
}

/** "42 s", "5 min", "3.5 h", "2.0 days", "90%", "3". */
export function formatSloValue(value: number, unit: SloStatus['unit']): string {
  if (unit === 'ratio') return `${Math.round(value * 1000) / 10}%`;
  if (unit === 'count') return value.toLocaleString('en-GB');
  if (value < 60) return `${Math.round(value)} s`;
  if (value < 3_600) return `${Math.round(value / 60)} min`;
  if (value < 2 * 86_400) return `${(value / 3_600).toFixed(1)} h`;
  return `${(value / 86_400).toFixed(1)} days`;
}

/** The trace UI's page of a trace, from the configured template; undefined without a template or a trace. */
export function traceLink(template: string | undefined, traceId: string | null | undefined): string | undefined {
  if (!template || !traceId || !/^[0-9a-f]{32}$/.test(traceId)) return undefined;
  return template.replace('{traceId}', traceId);
}
