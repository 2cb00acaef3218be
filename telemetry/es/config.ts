// Where Elasticsearch is and how to authenticate, from flags and the environment. Credentials never
// stay in the URL: Node's fetch refuses a URL with userinfo, and the URL is shown in warnings, at
// exporter start and in /metrics. They are taken from the environment (CODESENTINEL_ES_API_KEY, or
// CODESENTINEL_ES_USERNAME + CODESENTINEL_ES_PASSWORD); userinfo in the URL still works but is
// moved into the Authorization header.
import { redactSecrets } from '../redact';

import type { EsConfig } from './bulk';

export const DEFAULT_ES_URL = 'http://127.0.0.1:9200';
/** A request slower than this is treated as an outage anyway; 0 would time out every request. */
const MAX_TIMEOUT_MS = 600_000;

export class EsConfigError extends Error {}

export function esConfig(urlText: string, timeoutMs: number, env: NodeJS.ProcessEnv = process.env): EsConfig {
  let url: URL;
  try {
    url = new URL(urlText);
  } catch {
    throw new EsConfigError(`--es-url ${JSON.stringify(redactSecrets(urlText))} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new EsConfigError(`--es-url must be an http:// or https:// URL, got ${url.protocol}//`);
  }
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > MAX_TIMEOUT_MS) {
    throw new EsConfigError(`--timeout-ms must be a whole number from 1 to ${MAX_TIMEOUT_MS}, got ${timeoutMs}`);
  }
  let username = env.CODESENTINEL_ES_USERNAME || undefined;
  let password = env.CODESENTINEL_ES_PASSWORD || undefined;
  if (url.username || url.password) {
    username ??= decodeURIComponent(url.username);
    password ??= decodeURIComponent(url.password);
    url.username = '';
    url.password = '';
  }
  const apiKey = env.CODESENTINEL_ES_API_KEY || undefined;
  return {
    url: url.toString(),
    timeoutMs,
    ...(apiKey ? { apiKey } : {}),
    ...(!apiKey && username !== undefined ? { basicAuth: { username, password: password ?? '' } } : {}),
  };
}
