// Which store answers a Trends range: Prometheus while the range stays inside its retention, the
// long-term store beyond it, or a "not configured" state that says how to set one up.
export type StoreChoice = { kind: 'prometheus' } | { kind: 'long-term'; uid: string } | { kind: 'long-term-missing' };

export function chooseStore(rangeSeconds: number, retentionSeconds: number, longTermUid?: string): StoreChoice {
  if (!(rangeSeconds > retentionSeconds)) {
    return { kind: 'prometheus' };
  }
  return longTermUid ? { kind: 'long-term', uid: longTermUid } : { kind: 'long-term-missing' };
}

/** "Long-term store (daily aggregates)" / "Prometheus": which store answered, for the view's caption. */
export function describeSource(choice: StoreChoice, source: string): string {
  if (choice.kind !== 'long-term') {
    return 'Prometheus';
  }
  const level =
    source === 'codesentinel_1d'
      ? 'daily aggregates'
      : source === 'codesentinel_1h'
        ? 'hourly aggregates'
        : 'raw samples';
  return `long-term store (${level})`;
}
