// Demo satellite telemetry: installs the index templates, indexes the catalog of the example
// satellites, back-fills 91 days (a quarter) of invocations and feedback, then (with --live) keeps recording a
// few events a minute. deployment/PROC-2 fails often and reads unclear; archive/PROC-2 is never used.
// Invocations come in tasks (code-review, bugfix, feature: one to three invocations sharing a task
// id). tools/codesentinel/PROC-2 was rewritten REWRITE_DAYS ago: before, it ran under an older
// content hash, slower and failing more; the feedback that asked for it is marked applied.
//   npx tsx demo/satellites/generate.ts --es http://127.0.0.1:9200 [--days 91] [--live]
import { join } from 'node:path';

import { scanCatalog } from '../../telemetry/catalog/scan';
import { TelemetryClient } from '../../telemetry/client';
import { putJson } from '../../telemetry/es/bulk';
import { buildFeedback, buildInvocation, toBulkDoc } from '../../telemetry/events';
import { planTransition } from '../../telemetry/review/transition';
import { COMPONENT_TEMPLATES, INDEX_TEMPLATES } from '../../telemetry/template';

const SATELLITES = join(__dirname, '..', '..', 'telemetry', '__fixtures__', 'satellites');
const DAY = 86_400_000;
const REWRITTEN = 'tools/codesentinel/PROC-2';
const REWRITE_DAYS = 12;
/** The hash of the text before the rewrite (the catalog holds the current one). */
const OLD_SHA = '5e1f0c2a'.repeat(8);
/** Task types with their weight and the procedures a task of that type runs from. */
const TASK_TYPES: Record<string, { weight: number; procedures: string[] }> = {
  'code-review': { weight: 5, procedures: ['tools/codesentinel/PROC-1', 'tools/codesentinel/PROC-2', 'github/PROC-1'] },
  bugfix: { weight: 4, procedures: ['github/PROC-2', 'github/PROC-1', 'docs/PROC-3', 'github/PROC-3'] },
  feature: {
    weight: 2,
    procedures: ['github/PROC-1', 'deployment/PROC-1', 'deployment/PROC-2', 'infrastructure/PROC-1'],
  },
  maintenance: { weight: 1, procedures: ['archive/PROC-1', 'infrastructure/PROC-1', 'deployment/PROC-2'] },
};

/** Per procedure: relative usage, typical duration (ms), failure and abort probabilities. */
const PROFILES: Record<string, { weight: number; medianMs: number; failure: number; abort: number }> = {
  'github/PROC-1': { weight: 30, medianMs: 45_000, failure: 0.03, abort: 0.01 },
  'github/PROC-2': { weight: 12, medianMs: 240_000, failure: 0.12, abort: 0.04 },
  'github/PROC-3': { weight: 8, medianMs: 30_000, failure: 0.02, abort: 0 },
  'deployment/PROC-1': { weight: 10, medianMs: 900_000, failure: 0.08, abort: 0.05 },
  'deployment/PROC-2': { weight: 5, medianMs: 600_000, failure: 0.45, abort: 0.1 },
  'tools/codesentinel/PROC-1': { weight: 15, medianMs: 120_000, failure: 0.05, abort: 0.01 },
  'tools/codesentinel/PROC-2': { weight: 9, medianMs: 300_000, failure: 0.06, abort: 0.08 },
  'archive/PROC-1': { weight: 1, medianMs: 60_000, failure: 0.1, abort: 0 },
  'infrastructure/PROC-1': { weight: 2, medianMs: 420_000, failure: 0.15, abort: 0.05 },
  'docs/PROC-3': { weight: 4, medianMs: 90_000, failure: 0.04, abort: 0 },
};
const COMMENTS: Record<string, string[]> = {
  'deployment/PROC-2': [
    'Step 2 does not say how to find the previous good tag.',
    'Rollback worked but the health check step is vague.',
  ],
  'github/PROC-2': ['Clear, but mention rerere for repeated conflicts.'],
  'tools/codesentinel/PROC-2': ['Which findings count as false positives?'],
};

/** mulberry32: a seeded PRNG so every demo run tells the same story. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function args() {
  const a = process.argv.slice(2);
  const get = (name: string, fallback: string) => (a.includes(name) ? a[a.indexOf(name) + 1] : fallback);
  return {
    es: get('--es', process.env.CODESENTINEL_ES_URL ?? 'http://127.0.0.1:9200'),
    days: Number(get('--days', '91')),
    live: a.includes('--live'),
  };
}

function pickWeighted<T extends { weight: number }>(random: () => number, table: Record<string, T>): string {
  const ids = Object.keys(table);
  const total = ids.reduce((n, id) => n + table[id].weight, 0);
  let pick = random() * total;
  return ids.find((x) => (pick -= table[x].weight) < 0) ?? ids[0];
}

/** One task: one to three invocations one after another, sharing a task id, and maybe feedback. */
function makeEvents(random: () => number, at: Date, ageDays: number, newSha: string | undefined) {
  const taskType = pickWeighted(random, TASK_TYPES);
  const taskId = `demo-task-${Math.floor(at.getTime() / 1000)}-${Math.floor(random() * 1e6)}`;
  const steps = 1 + Math.floor(random() * 3);
  const docs = [];
  let t = at.getTime();
  for (let k = 0; k < steps; k++) {
    const candidates = TASK_TYPES[taskType].procedures;
    // Mostly the type's own procedures, sometimes any (usage still follows the profile weights).
    const id = random() < 0.8 ? candidates[Math.floor(random() * candidates.length)] : pickWeighted(random, PROFILES);
    const p = PROFILES[id];
    const old = id === REWRITTEN && ageDays > REWRITE_DAYS;
    // Agents get about 0.15% faster per day (13% a quarter); the rewritten procedure was 60% slower
    // and failed more.
    const speedup = Math.pow(0.9985, -ageDays) * (old ? 1.6 : 1);
    const duration = Math.round(p.medianMs * speedup * Math.exp((random() - 0.5) * 0.8));
    const roll = random();
    const failure = old ? 0.25 : p.failure;
    const status = roll < failure ? 'failure' : roll < failure + p.abort ? 'agent_aborted' : 'success';
    const invocation = buildInvocation({
      procedureId: id,
      status,
      durationMs: duration,
      timestamp: new Date(t),
      sessionId: `demo-session-${Math.floor(random() * 200)}`,
      agentId: random() < 0.7 ? 'codesentinel-agent' : 'review-bot',
      abortReason: status === 'agent_aborted' ? (random() < 0.5 ? 'policy_blocked' : 'approval_denied') : undefined,
      errorType: status === 'failure' ? 'step_failed' : undefined,
      taskId,
      taskType,
      contentSha: id === REWRITTEN ? (old ? OLD_SHA : newSha) : undefined,
    });
    docs.push(toBulkDoc(invocation));
    t += duration + Math.round(random() * 60_000);
    if (random() < 0.12) {
      const unclear = id === 'deployment/PROC-2' || old;
      const comments = COMMENTS[id];
      const feedback = buildFeedback({
        procedureId: id,
        invocationId: invocation.event.id,
        clarity: unclear ? 1 + Math.floor(random() * 2) : 3 + Math.floor(random() * 3),
        usefulness: 3 + Math.floor(random() * 3),
        comment: comments && random() < 0.6 ? comments[Math.floor(random() * comments.length)] : undefined,
        source: random() < 0.8 ? 'agent' : 'engineer',
        reviewStatus: ageDays > 20 ? 'triaged' : 'new',
        timestamp: new Date(t),
        contentSha: invocation.procedure.content_sha,
      });
      // The complaints about the old text were acted on: the rewrite is recorded as applied.
      const plan =
        old && newSha
          ? planTransition(feedback, {
              status: 'applied',
              reviewer: 'maria',
              note: 'Rewrote the triage steps: false positives are now listed first',
              contentSha: newSha,
              at: new Date(Date.now() - REWRITE_DAYS * DAY),
            })
          : undefined;
      if (plan?.kind === 'update') {
        feedback.review = plan.review;
      }
      docs.push(toBulkDoc(feedback));
    }
  }
  return docs;
}

async function main() {
  const { es, days, live } = args();
  const config = { url: es, timeoutMs: 10_000 };
  for (const [name, body] of Object.entries(COMPONENT_TEMPLATES)) {
    await putJson(config, `/_component_template/${name}`, body);
  }
  for (const [name, body] of Object.entries(INDEX_TEMPLATES)) {
    await putJson(config, `/_index_template/${name}`, body);
  }
  const client = new TelemetryClient({
    es: config,
    spoolPath: join(process.env.TMPDIR ?? '/tmp', 'codesentinel-demo-satellites', 'spool.jsonl'),
  });
  const catalog = scanCatalog(SATELLITES);
  await client.submit(catalog.documents.map(toBulkDoc));
  const newSha = catalog.documents.find((d) => d.procedure.id === REWRITTEN)?.procedure.content_sha;
  const random = rng(7);
  const now = Date.now();
  const docs = [];
  for (let t = now - days * DAY; t < now; t += 30 * 60_000 * (0.5 + random())) {
    docs.push(...makeEvents(random, new Date(t), (now - t) / DAY, newSha));
  }
  const result = await client.submit(docs);
  process.stdout.write(
    `demo satellites: ${catalog.documents.length} procedures catalogued, ${docs.length} events back-filled: ${JSON.stringify(result)}\n`
  );
  if (!live) {
    return;
  }
  const timer = setInterval(() => {
    client
      .submit(makeEvents(random, new Date(), 0, newSha))
      .catch((e) => process.stderr.write(`demo satellites: ${e}\n`));
  }, 20_000);
  const stop = () => clearInterval(timer);
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((e) => {
  process.stderr.write(`demo satellites: ${e instanceof Error ? e.message : e}\n`);
  process.exit(1);
});
