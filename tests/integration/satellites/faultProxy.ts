// A misbehaving Elasticsearch in front of the real one, on 127.0.0.1: answers 429 or 500 without
// forwarding, or forwards the request (so Elasticsearch stores it) and then answers 500 or nothing
// in time — the lost-acknowledgement cases where only `create` + event id prevents duplicates.
import { createServer, type Server } from 'node:http';

export type FaultMode = '429' | '500' | 'stored-then-500' | 'stored-then-slow' | 'pass';

export class FaultProxy {
  mode: FaultMode = 'pass';
  requests = 0;
  private server?: Server;

  constructor(
    private readonly target: string,
    readonly port: number,
    private readonly slowMs = 3000
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = createServer(async (req, res) => {
      this.requests++;
      const chunks: Buffer[] = [];
      for await (const c of req) {
        chunks.push(c as Buffer);
      }
      const mode = this.mode;
      if (mode === '429' || mode === '500') {
        res.writeHead(Number(mode), { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            error: { type: mode === '429' ? 'es_rejected_execution_exception' : 'internal' },
            status: Number(mode),
          })
        );
        return;
      }
      const upstream = await fetch(this.target + req.url, {
        method: req.method,
        headers: { 'content-type': String(req.headers['content-type'] ?? 'application/json') },
        body: chunks.length ? Buffer.concat(chunks) : undefined,
      });
      const body = Buffer.from(await upstream.arrayBuffer());
      if (mode === 'stored-then-500') {
        res.writeHead(500).end('upstream stored it, but the answer is lost');
        return;
      }
      if (mode === 'stored-then-slow') {
        await new Promise((r) => setTimeout(r, this.slowMs));
      }
      if (!res.destroyed) {
        res
          .writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' })
          .end(body);
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    if (this.server) {
      this.server.closeAllConnections();
      await new Promise((r) => this.server!.close(r));
    }
  }
}
