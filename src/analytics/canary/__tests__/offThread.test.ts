import { type CanaryJob, type CanaryWorkerLike, type CanaryWorkerReply, type CanaryWorkerRequest, judgeCanaryOffThread, setCanaryWorkerFactory } from '../offThread';
import { judgeCanary } from '../scorer';

const job: CanaryJob = {
  metrics: [{ id: 'errors', label: 'error count', kind: 'count', direction: 'increase-is-bad', critical: true }],
  data: { errors: { canaryCount: 3, canaryExposure: 1e5, baselineCount: 0, baselineExposure: 9e5 } },
  thresholds: {},
};

/** A worker that answers like worker.ts, or stays silent / fails on demand. */
class FakeWorker implements CanaryWorkerLike {
  messages: CanaryWorkerRequest[] = [];
  terminated = false;
  private onMessage?: (event: MessageEvent<CanaryWorkerReply>) => void;
  private onError?: (event: ErrorEvent) => void;
  constructor(private mode: 'answer' | 'silent') {}
  postMessage(message: CanaryWorkerRequest): void {
    this.messages.push(message);
    if (this.mode === 'answer') {
      const result = judgeCanary(message.job.metrics, message.job.data, message.job.thresholds);
      setTimeout(() => this.onMessage?.({ data: { jobId: message.jobId, result } } as MessageEvent<CanaryWorkerReply>), 0);
    }
  }
  addEventListener(type: 'message' | 'error', handler: ((e: MessageEvent<CanaryWorkerReply>) => void) | ((e: ErrorEvent) => void)): void {
    if (type === 'message') {
      this.onMessage = handler as (e: MessageEvent<CanaryWorkerReply>) => void;
    } else {
      this.onError = handler as (e: ErrorEvent) => void;
    }
  }
  fail(message: string) {
    this.onError?.({ message } as ErrorEvent);
  }
  terminate(): void {
    this.terminated = true;
  }
}

afterEach(() => setCanaryWorkerFactory(undefined));

describe('judgeCanaryOffThread', () => {
  test('without Worker (jsdom) it judges in a deferred task', async () => {
    const outcome = await judgeCanaryOffThread(job);
    expect(outcome.ok && outcome.judgement.verdict).toBe('fail');
  });

  test('posts the job to the worker and resolves with its judgement; the worker is reused', async () => {
    const fake = new FakeWorker('answer');
    let created = 0;
    setCanaryWorkerFactory(() => {
      created++;
      return fake;
    });
    const a = await judgeCanaryOffThread(job);
    const b = await judgeCanaryOffThread(job);
    expect(a.ok && a.judgement.verdict).toBe('fail');
    expect(b.ok).toBe(true);
    expect(created).toBe(1);
    expect(fake.messages).toHaveLength(2);
  });

  test('abort resolves at once as cancelled', async () => {
    const fake = new FakeWorker('silent');
    setCanaryWorkerFactory(() => fake);
    const abort = new AbortController();
    const pending = judgeCanaryOffThread(job, abort.signal);
    await new Promise((r) => setTimeout(r, 0));
    abort.abort();
    expect(await pending).toEqual({ ok: false, aborted: true, reason: 'cancelled' });
  });

  test('a crashing worker settles pending jobs with the reason and is replaced', async () => {
    const first = new FakeWorker('silent');
    const second = new FakeWorker('answer');
    const workers = [first, second];
    setCanaryWorkerFactory(() => workers.shift() as FakeWorker);
    const pending = judgeCanaryOffThread(job);
    await new Promise((r) => setTimeout(r, 0));
    first.fail('out of memory');
    expect(await pending).toEqual({ ok: false, aborted: false, reason: 'out of memory' });
    expect(first.terminated).toBe(true);
    const next = await judgeCanaryOffThread(job);
    expect(next.ok).toBe(true);
  });
});
