import { resolveAppSettings } from '../resolve';

describe('the long-term data source setting', () => {
  test.each([
    [{ longTermDatasourceUid: 'codesentinel-long-term' }, 'codesentinel-long-term'],
    [{ longTermDatasourceUid: '' }, undefined],
    [{}, undefined],
  ])('%j resolves to %p', (jsonData, uid) => {
    expect(resolveAppSettings(jsonData).longTermUid).toBe(uid);
  });
});
