import { formatSloValue, sloPanel, SloStatus, traceLink } from './slo-panel';

const DEFINITIONS: Record<string, Omit<SloStatus, 'current' | 'met'>> = {
  'flag-to-first-contact': { id: 'flag-to-first-contact', title: 'Flag to first contact (p90)', bound: 'max', target: 3 * 86_400, unit: 'seconds', service: 'mentor-matching' },
  'flag-to-first-meeting': { id: 'flag-to-first-meeting', title: 'Flag to first meeting (p90)', bound: 'max', target: 14 * 86_400, unit: 'seconds', service: 'mentor-matching' },
  'offers-answered-within-sla': { id: 'offers-answered-within-sla', title: 'Offers answered within the SLA', bound: 'min', target: 0.9, unit: 'ratio', service: 'mentor-matching' },
};
const status = (id: string, current: number | null, met: boolean | null): SloStatus => ({ ...DEFINITIONS[id], current, met });

describe('SLO panel', () => {
  it('words each figure against its target, and an unreported one as unknown', () => {
    const [contact, offers, meeting] = sloPanel([
      status('flag-to-first-contact', 400_000, false),
      status('offers-answered-within-sla', 0.95, true),
      status('flag-to-first-meeting', null, null),
    ]);
    expect(contact).toMatchObject({ current: '4.6 days', target: 'at most 3.0 days', badge: 'bad', state: 'missed', service: 'mentor-matching' });
    expect(offers).toMatchObject({ current: '95%', target: 'at least 90%', badge: 'ok', state: 'met' });
    expect(meeting).toMatchObject({ current: '—', badge: 'warn', state: 'not reported yet' });
  });

  it('formats durations from seconds to days', () => {
    expect([42, 300, 5_400, 172_800].map((seconds) => formatSloValue(seconds, 'seconds'))).toEqual(['42 s', '5 min', '1.5 h', '2.0 days']);
  });

  it('links a trace only with a template and a well-formed trace id', () => {
    const id = '4bf92f3577b34da6a3ce929d0e0e4736';
    expect(traceLink('http://127.0.0.1:16686/trace/{traceId}', id)).toBe(`http://127.0.0.1:16686/trace/${id}`);
    expect(traceLink(undefined, id)).toBeUndefined();
    expect(traceLink('http://jaeger/trace/{traceId}', null)).toBeUndefined();
    expect(traceLink('http://jaeger/trace/{traceId}', '"><script>')).toBeUndefined();
  });
});
