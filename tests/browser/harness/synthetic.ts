import { type DataFrame, FieldType, createDataFrame } from '@grafana/data';

/** Bench data: `count` seasonal series of `points` points each, one minute apart, a few spikes. */
export function syntheticFrames(count: number, points: number, endMs: number): DataFrame[] {
  const stepMs = 60_000;
  const startMs = endMs - (points - 1) * stepMs;
  const times = Array.from({ length: points }, (_, i) => startMs + i * stepMs);
  let seed = 7 + (endMs % 1000003);
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  return Array.from({ length: count }, (_, s) => {
    const base = 50 + s;
    const values = times.map((t, i) => {
      const daily = Math.sin((2 * Math.PI * (t % 86_400_000)) / 86_400_000 + s);
      const spike = i % 997 === 500 ? 40 : 0;
      return base + 20 * daily + 0.001 * i + (random() - 0.5) * 4 + spike;
    });
    return createDataFrame({
      refId: 'A',
      fields: [
        { name: 'Time', type: FieldType.time, values: times },
        { name: 'Value', type: FieldType.number, values, labels: { series: `s${s}` }, config: { unit: 'reqps' } },
      ],
    });
  });
}
