import { toForm, toJsonData } from '../form';
import { resolveAppSettings } from '../resolve';
import { validateForm } from '../validation';

describe('the long-term data source setting', () => {
  test.each([
    [{ longTermDatasourceUid: 'codesentinel-long-term' }, 'codesentinel-long-term'],
    [{ longTermDatasourceUid: '' }, undefined],
    [{}, undefined],
  ])('%j resolves to %p', (jsonData, uid) => {
    expect(resolveAppSettings(jsonData).longTermUid).toBe(uid);
  });
});

describe('Prometheus retention, the range past which the long-term store answers', () => {
  test.each([
    [{ shortTermRetentionDays: 14 }, 14],
    [{}, 30],
    [{ shortTermRetentionDays: 0 }, 30],
    [{ shortTermRetentionDays: 2.5 }, 30],
    [{ shortTermRetentionDays: Number.NaN }, 30],
    [{ shortTermRetentionDays: 100_000 }, 30],
  ])('%j resolves to %p days', (jsonData, days) => {
    expect(resolveAppSettings(jsonData).shortTermRetentionSeconds).toBe(days * 86_400);
  });
});

describe('the config form keeps the long-term store', () => {
  it('saving the page keeps a provisioned long-term data source (it was dropped before)', () => {
    const saved = toJsonData(toForm({ longTermDatasourceUid: 'codesentinel-long-term', shortTermRetentionDays: 14 }));
    expect(saved.longTermDatasourceUid).toBe('codesentinel-long-term');
    expect(saved.shortTermRetentionDays).toBe(14);
  });

  it('an empty long-term box stores nothing: every range reads Prometheus', () => {
    expect(toJsonData(toForm({})).longTermDatasourceUid).toBeUndefined();
  });

  it('refuses Prometheus itself as the long-term store', () => {
    const form = { ...toForm({}), prometheusDatasourceUid: 'prom', longTermDatasourceUid: 'prom' };
    expect(validateForm(form)).toEqual({
      longTermDatasourceUid:
        'The long-term store must be another data source than Prometheus (e.g. VictoriaMetrics, Thanos or Mimir); clear it to read every range from Prometheus.',
    });
  });

  test.each([
    ['', 'Enter how many days Prometheus keeps, e.g. 30 (its --storage.tsdb.retention.time).'],
    ['30d', '"30d" is not a number. Enter whole days such as 30.'],
    ['0', "Prometheus' retention must be a whole number of days, at least 1; got 0."],
    ['1.5', "Prometheus' retention must be a whole number of days, at least 1; got 1.5."],
    ['3651', "Prometheus' retention must be at most 3650 days here; beyond that, read the long-term store."],
  ])('retention %j -> %s', (value, message) => {
    expect(validateForm({ ...toForm({}), shortTermRetentionDays: value })).toEqual({ shortTermRetentionDays: message });
  });

  test.each(['1', '30', '3650', ' 14 '])('retention %j is accepted', (value) => {
    expect(validateForm({ ...toForm({}), shortTermRetentionDays: value })).toEqual({});
  });
});
