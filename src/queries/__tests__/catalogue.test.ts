import { allPromQueries, substituteTemplateVariables } from '../catalogue';
import { PRESETS } from '../conventions';
import { overviewQueries } from '../overview';
import { serviceQueries } from '../service';

describe.each(['otel', 'prometheus', 'istio'] as const)('allPromQueries, %s preset', (preset) => {
  const c = PRESETS[preset];
  const entries = allPromQueries(c);

  it('has unique ids and a description for each entry', () => {
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    expect(entries.every((e) => e.description.length > 0 && e.page.length > 0)).toBe(true);
  });

  it('lists every overview and service query the pages build', () => {
    const exprs = new Set(entries.map((e) => e.expr));
    const o = overviewQueries(c);
    const rules = overviewQueries(c, { useRecordingRules: true });
    const s = serviceQueries(c, 'checkout');
    const built = [
      o.throughput,
      o.errorRatio,
      o.availability,
      o.p95,
      ...Object.values(o.perService),
      rules.throughput,
      ...Object.values(rules.perService),
      ...Object.values(s.stats),
      ...Object.values(s.byEndpoint),
      ...Object.values(s.byInstance),
      ...s.percentiles.map((p) => p.expr),
      s.failuresByStatus,
    ];
    expect(built.filter((q) => !exprs.has(q))).toEqual([]);
  });

  it('expects the grouping labels of each query', () => {
    const byId = new Map(entries.map((e) => [e.id, e]));
    expect(byId.get('overview.throughput')?.expectLabels).toEqual([]);
    expect(byId.get('overview.service-rate')?.expectLabels).toEqual([c.serviceLabel]);
    expect(byId.get('overview-rules.service-rate')?.expectLabels).toEqual(['service']);
    expect(byId.get('service.endpoint-p95')?.expectLabels).toEqual([c.endpointLabel]);
    expect(byId.get('service.failures-by-status')?.expectLabels).toEqual([c.statusLabel]);
    expect(byId.get('service.var-instance')?.labelValues?.label).toBe(c.instanceLabel);
  });

  it('leaves no template variable behind once substituted', () => {
    for (const e of entries) {
      expect(substituteTemplateVariables(e.expr)).not.toMatch(/\$/);
    }
  });
});

it('uses the service it is given', () => {
  const entries = allPromQueries(PRESETS.otel, { service: 'pay"ments' });
  expect(entries.find((e) => e.id === 'service.stat-rate')?.expr).toContain('service_name="pay\\"ments"');
});
