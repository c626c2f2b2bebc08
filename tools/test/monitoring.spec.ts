import fs from 'node:fs';
import path from 'node:path';
import { PIPELINE_METRICS, SLO_METRICS, SLO_TARGETS } from '@mentoring/observability';
import { parse } from 'yaml';

// Alert rules and dashboard panels must query metrics the services really export; a renamed
// metric would otherwise silently turn an alert off.
const repoRoot = path.resolve(__dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(repoRoot, file), 'utf8');
const exported = new Set<string>([
  ...Object.values(PIPELINE_METRICS),
  ...Object.values(PIPELINE_METRICS).map((name) => `${name}_bucket`),
  ...Object.values(SLO_METRICS),
  ...Object.values(SLO_METRICS).map((name) => `${name}_bucket`),
  'up',
  'process_resident_memory_bytes',
  'process_cpu_seconds_total',
]);
const PROMQL_FUNCTIONS = new Set(['sum', 'max', 'min', 'rate', 'increase', 'by', 'histogram_quantile', 'le', 'job', 'reason', 'service', 'group', 'topic', 'type', 'instance', 'quantile']);

function metricNamesIn(expr: string): string[] {
  const withoutLabels = expr.replace(/\{[^}]*\}/g, '').replace(/\[[^\]]*\]/g, '');
  return (withoutLabels.match(/[a-z_][a-z0-9_]*/g) ?? []).filter((word) => !PROMQL_FUNCTIONS.has(word));
}

describe('monitoring configuration', () => {
  const alerts = parse(read('infra/prometheus/alerts.yml'));
  const rules: { alert: string; expr: string; labels: { slo?: string }; annotations: { summary: string } }[] = alerts.groups.flatMap((g: { rules: unknown[] }) => g.rules);

  it('has the alerts an ops team needs', () => {
    expect(rules.map((rule) => rule.alert)).toEqual(
      expect.arrayContaining(['ServiceDown', 'ConsumerLagGrowing', 'OutboxNotDraining', 'DeadLettersPending']),
    );
  });

  it.each(rules.map((rule) => [rule.alert, rule.expr]))('alert %s queries exported metrics', (_alert, expr) => {
    for (const name of metricNamesIn(expr)) expect(exported).toContain(name);
  });

  it('alerts on every promise at its target', () => {
    for (const slo of SLO_TARGETS) {
      const rule = rules.find((candidate) => candidate.labels?.slo === slo.id);
      if (!rule) throw new Error(`no alert rule has the label slo: ${slo.id}`);
      // A promise with a ceiling alerts above it; one with a floor, below it. Dead letters alert on any.
      const [, comparison, threshold] = /([<>])\s*([\d.]+)\s*$/.exec(rule.expr) ?? [];
      expect([rule.alert, comparison, Number(threshold)]).toEqual([rule.alert, slo.bound === 'max' ? '>' : '<', slo.target]);
    }
  });

  it('gives every alert a runbook line in the README', () => {
    const readme = read('README.md');
    for (const rule of rules) expect(readme).toContain(`**${rule.alert}**`);
  });

  it('the dashboard queries exported metrics', () => {
    const dashboard = JSON.parse(read('infra/grafana/mentoring-pipeline.json'));
    const exprs: string[] = dashboard.panels.flatMap((panel: { targets?: { expr: string }[] }) => (panel.targets ?? []).map((t) => t.expr));
    expect(exprs.length).toBeGreaterThanOrEqual(8);
    for (const expr of exprs) for (const name of metricNamesIn(expr)) expect(exported).toContain(name);
    for (const name of Object.values(SLO_METRICS)) expect(exprs.some((expr) => expr.includes(name))).toBe(true);
  });

  it('Prometheus scrapes every service port', () => {
    const config = parse(read('infra/prometheus/prometheus.yml'));
    expect(config.rule_files).toContain('alerts.yml');
    expect(config.scrape_configs[0].static_configs[0].targets).toEqual(['127.0.0.1:3001', '127.0.0.1:3002', '127.0.0.1:3003', '127.0.0.1:3004']);
  });
});
