// Standalone exporter entry for containers (no CLI dependencies): configured by environment.
//   CODESENTINEL_ES_URL=http://elasticsearch:9200 CODESENTINEL_EXPORTER_LISTEN=0.0.0.0:9465 tsx telemetry/exporter/main.ts
import type { EsConfig } from '../es/bulk';
import { DEFAULT_ES_URL, esConfig } from '../es/config';
import { redactSecrets, redactUrl } from '../redact';

import { startExporter } from './server';

const listen = process.env.CODESENTINEL_EXPORTER_LISTEN ?? '127.0.0.1:9465';
const match = /^(.+):(\d{1,5})$/.exec(listen);
if (!match) {
  process.stderr.write(`CODESENTINEL_EXPORTER_LISTEN must be host:port, got ${JSON.stringify(listen)}\n`);
  process.exit(2);
}
let es: EsConfig;
try {
  es = esConfig(
    process.env.CODESENTINEL_ES_URL ?? DEFAULT_ES_URL,
    Number(process.env.CODESENTINEL_ES_TIMEOUT_MS ?? 10_000)
  );
} catch (e) {
  process.stderr.write(`exporter: ${e instanceof Error ? e.message : e}\n`);
  process.exit(2);
}

startExporter({ es, host: match[1], port: Number(match[2]) }).then(
  (server) => {
    process.stderr.write(`serving http://${listen}/metrics from ${redactUrl(es.url)}\n`);
    const stop = () => server.close(() => process.exit(0));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  },
  (e) => {
    process.stderr.write(`exporter: ${redactSecrets(e instanceof Error ? e.message : String(e))}\n`);
    process.exit(1);
  }
);
