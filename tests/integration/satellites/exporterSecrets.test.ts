// The exporter in front of an Elasticsearch that fails with a hostile error body, reached through a
// URL with credentials: /metrics stays a valid exposition and shows neither the body's control
// characters nor the credentials; the start line does not show them either.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';

import { waitFor } from '../support/prometheusServer';

import { CLI_COMMAND } from './cliRunner';

const STUB_PORT = 19217;
const EXPORTER_PORT = 19218;
let stub: Server;
let exporter: ChildProcess;
let stderr = '';
let authorization: string | undefined;

beforeAll(async () => {
  stub = createServer((req, res) => {
    authorization = req.headers.authorization;
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end('{"error":{"type":"boom\\r\\n# TYPE injected counter\\u0000","reason":"token=hunter2"}}');
  });
  await new Promise<void>((resolve) => stub.listen(STUB_PORT, '127.0.0.1', resolve));
  exporter = spawn(
    process.execPath,
    [...CLI_COMMAND, 'serve-metrics', '--listen', `127.0.0.1:${EXPORTER_PORT}`, '--min-interval-ms', '0'],
    { env: { ...process.env, CODESENTINEL_ES_URL: `http://elastic:hunter2@127.0.0.1:${STUB_PORT}` } }
  );
  exporter.stderr!.on('data', (d) => (stderr += d));
  await waitFor(async () => /serving/.test(stderr), 60_000, 'exporter start line');
});

afterAll(async () => {
  exporter?.kill('SIGTERM');
  await new Promise((resolve) => stub.close(resolve));
});

test('no credentials, no raw error body, still a valid exposition', async () => {
  const text = await (await fetch(`http://127.0.0.1:${EXPORTER_PORT}/metrics`)).text();
  expect(text).toContain('codesentinel_satellite_exporter_elasticsearch_up 0');
  expect(text).not.toMatch(/[\r\u0000]/);
  expect(text).not.toContain('hunter2');
  expect(text.split('\n').filter((l) => l.startsWith('# TYPE'))).toEqual([
    '# TYPE codesentinel_satellite_exporter_elasticsearch_up gauge',
  ]);
  const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
  expect(check.status === 0 || (check.status === 3 && !/error/i.test(check.stderr))).toBe(true);
  expect(stderr).toMatch(new RegExp(`from http://127\\.0\\.0\\.1:${STUB_PORT}/`));
  expect(stderr).not.toContain('hunter2');
  // The credentials were used, as basic authentication.
  expect(authorization).toBe(`Basic ${Buffer.from('elastic:hunter2').toString('base64')}`);
});
