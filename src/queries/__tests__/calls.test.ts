// The finder's call-edge family: the p95 of a service's calls to each callee, per metric convention.
import { candidateSubject, finderCatalogueEntries, finderQueries } from '../bottleneck';
import { type PresetId, PRESETS, resolveConvention } from '../conventions';

const callsOf = (preset: PresetId, service: string) =>
  finderQueries(PRESETS[preset], service).families.find((f) => f.key === 'calls-p95');

describe('p95 of calls to each callee', () => {
  test.each<[PresetId, string, string]>([
    [
      'otel',
      'histogram_quantile(0.95, sum by (le, server_address) (rate(http_client_request_duration_seconds_bucket{service_name="checkout", instance=~"${instance}"}[$__rate_interval])))',
      'server_address',
    ],
    [
      'istio',
      'histogram_quantile(0.95, sum by (le, destination_service_name) (rate(istio_request_duration_milliseconds_bucket{reporter="source", source_canonical_service="checkout", instance=~"${instance}"}[$__rate_interval]))) / 1000',
      'destination_service_name',
    ],
  ])('%s: the client-side histogram, by callee, in seconds', (preset, expr, callee) => {
    const family = callsOf(preset, 'checkout')!;
    expect(family.expr).toBe(expr);
    expect(family.subjectLabel).toBe(callee);
    expect(family.unit).toBe('s');
  });

  test('the Prometheus-client preset has no standard client histogram: no family, no catalogue entry', () => {
    expect(callsOf('prometheus', 'checkout')).toBeUndefined();
    expect(finderCatalogueEntries(PRESETS.prometheus, 'checkout').map((e) => e.id)).not.toContain('finder.calls-p95');
    expect(finderCatalogueEntries(PRESETS.otel, 'checkout').map((e) => e.id)).toContain('finder.calls-p95');
  });

  test('OTel names the caller with the service label, so an override of it applies to calls too', () => {
    const c = resolveConvention({ preset: 'otel', overrides: { serviceLabel: 'job' } });
    expect(finderQueries(c, 'checkout').families.find((f) => f.key === 'calls-p95')?.expr).toContain(
      '{job="checkout", instance=~"${instance}"}'
    );
    // Istio's caller label is the source side's own; the (destination) service label does not apply.
    const istio = resolveConvention({ preset: 'istio', overrides: { serviceLabel: 'app' } });
    expect(finderQueries(istio, 'checkout').families.find((f) => f.key === 'calls-p95')?.expr).toContain(
      'source_canonical_service="checkout"'
    );
  });

  test.each<PresetId>(['otel', 'istio'])('%s: a hostile service name stays one escaped literal', (preset) => {
    const hostile = 'a"}) or vector(1) #';
    const expr = callsOf(preset, hostile)!.expr;
    const reference = callsOf(preset, 'checkout')!.expr;
    expect(expr).toBe(reference.replace('"checkout"', '"a\\"}) or vector(1) #"'));
    // Outside string literals the query is the reference's, character for character.
    const structure = (q: string) => q.replace(/"(?:[^"\\]|\\.)*"/g, '""');
    expect(structure(expr)).toBe(structure(reference));
    expect(structure(expr)).not.toContain('vector');
  });

  test('the candidate reads "calls to <callee>"; other families keep the bare label value', () => {
    const family = callsOf('otel', 'checkout')!;
    expect(candidateSubject(family, { server_address: 'payments' })).toBe('calls to payments');
    expect(candidateSubject(family, {})).toBe('calls-p95');
    const memory = finderQueries(PRESETS.otel, 'checkout').families.find((f) => f.key === 'memory')!;
    expect(candidateSubject(memory, { pod: 'checkout-1' })).toBe('checkout-1');
    const lag = finderQueries(PRESETS.otel, 'checkout').families.find((f) => f.key === 'db-replication-lag')!;
    expect(candidateSubject(lag, {})).toBe('the database server');
  });
});
