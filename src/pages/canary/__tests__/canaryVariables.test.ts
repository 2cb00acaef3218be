import { defaultSplit, resolveSplit } from '../../../queries/canary';
import { PRESETS } from '../../../queries/conventions';
import { fieldsFor } from '../canaryVariables';

describe('defaultSplit: a verdict without typing', () => {
  test.each([
    ['istio', 'istio-version'],
    ['otel', 'canary-pods'],
    ['prometheus', 'canary-pods'],
  ] as const)('%s → %s, which resolves with nothing but the service', (preset, split) => {
    const c = PRESETS[preset];
    const d = defaultSplit(c);
    expect(d.preset).toBe(split);
    expect(fieldsFor(d.preset)).toEqual({ label: false, values: false });
    expect(resolveSplit(c, { service: 'checkout', preset: d.preset }).ok).toBe(true);
  });

  it('keeps the instance label ready for a switch to a custom split', () => {
    expect(defaultSplit({ ...PRESETS.otel, instanceLabel: 'pod' }).label).toBe('pod');
  });
});
