// A local stand-in for PagerDuty and Slack: records every JSON body POSTed to it, by path.
import { createServer } from 'node:http';

export interface ReceivedNotification {
  path: string;
  body: Record<string, unknown>;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedNotification[];
  stop: () => Promise<void>;
}

export function startWebhookReceiver(port: number): Promise<WebhookReceiver> {
  const received: ReceivedNotification[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      try {
        received.push({ path: req.url ?? '', body: JSON.parse(raw) as Record<string, unknown> });
        // PagerDuty's Events API answers 202 with a small JSON body; Slack answers "ok".
        res.writeHead(req.url?.startsWith('/pagerduty') ? 202 : 200, { 'Content-Type': 'application/json' });
        res.end(req.url?.startsWith('/pagerduty') ? '{"status":"success","message":"Event processed"}' : 'ok');
      } catch {
        res.writeHead(400);
        res.end('not JSON');
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${port}`, received, stop: () => new Promise((r) => server.close(() => r())) })
    );
  });
}
