// Builds validated events from loose input (CLI flags, a wrapped command) and turns them into bulk
// documents. Validation errors are collected and thrown together so one run shows every problem.
import { randomUUID } from 'node:crypto';

import type { BulkDoc } from './es/bulk';
import { redactSecrets } from './redact';
import {
  cleanFreeText,
  DATASETS,
  parseProcedureId,
  quarterOf,
  SCHEMA_VERSION,
  validateFeedback,
  validateInvocation,
  type CatalogDocument,
  type FeedbackEvent,
  type FeedbackSource,
  type InvocationEvent,
  type InvocationStatus,
  type ReviewStatus,
} from './schema';
import { indexFor } from './template';

export class InvalidEventError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

export interface InvocationInput {
  procedureId: string;
  status: string;
  durationMs: number;
  timestamp?: Date;
  eventId?: string;
  sessionId?: string;
  agentId?: string;
  satellitePath?: string;
  satelliteVersion?: string;
  title?: string;
  contentSha?: string;
  abortReason?: string;
  stepsTotal?: number;
  stepsCompleted?: number;
  taskId?: string;
  taskType?: string;
  errorType?: string;
  errorMessage?: string;
}

export interface FeedbackInput {
  procedureId: string;
  clarity: number;
  usefulness: number;
  source: string;
  comment?: string;
  invocationId?: string;
  agentId?: string;
  reviewStatus?: string;
  quarter?: string;
  timestamp?: Date;
  eventId?: string;
  title?: string;
  contentSha?: string;
  satellitePath?: string;
  satelliteVersion?: string;
}

function refs(
  procedureId: string,
  extra: { satellitePath?: string; satelliteVersion?: string; title?: string; contentSha?: string }
) {
  const parsed = parseProcedureId(procedureId);
  if (typeof parsed === 'string') {
    throw new InvalidEventError([parsed]);
  }
  return {
    satellite: {
      id: parsed.satelliteId,
      path:
        extra.satellitePath ?? `${parsed.satelliteId === 'root' ? '' : parsed.satelliteId + '/'}AGENT_INSTRUCTIONS.md`,
      ...(extra.satelliteVersion ? { version: extra.satelliteVersion } : {}),
    },
    procedure: {
      id: procedureId,
      number: parsed.number,
      ...(extra.title ? { title: cleanFreeText(extra.title) } : {}),
      ...(extra.contentSha ? { content_sha: extra.contentSha } : {}),
    },
  };
}

/** Over this, an error message (a diagnostic, often a long stack trace) is cut rather than refused. */
const MAX_ERROR_MESSAGE = 2048;

/**
 * Cuts masked text to `max` characters. Masking comes first: cutting first could split a secret so
 * that its pattern no longer matches and a piece of it is stored.
 */
function truncated(text: string, max: number): string {
  if (text.length <= max) {
    return text;
  }
  let keep = max;
  let note = '';
  // Twice: the note's own length depends on the number in it.
  for (let i = 0; i < 2; i++) {
    note = ` … [${text.length - keep} more characters cut]`;
    keep = max - note.length;
  }
  return text.slice(0, keep) + note;
}

function defined<T extends object>(o: T): T {
  return Object.fromEntries(
    Object.entries(o).filter(
      ([, v]) => v !== undefined && !(typeof v === 'object' && v !== null && Object.keys(v).length === 0)
    )
  ) as T;
}

export function buildInvocation(input: InvocationInput): InvocationEvent {
  const event = defined({
    '@timestamp': (input.timestamp ?? new Date()).toISOString(),
    event: { id: input.eventId ?? randomUUID(), dataset: DATASETS.invocation },
    schema_version: SCHEMA_VERSION,
    ...refs(input.procedureId, input),
    session: input.sessionId ? { id: input.sessionId } : undefined,
    agent: input.agentId ? { id: input.agentId } : undefined,
    status: input.status as InvocationStatus,
    abort_reason: input.abortReason,
    duration_ms: input.durationMs,
    steps_total: input.stepsTotal,
    steps_completed: input.stepsCompleted,
    task: defined({ id: input.taskId, type: input.taskType }),
    error: defined({
      type: input.errorType,
      message: input.errorMessage
        ? truncated(redactSecrets(cleanFreeText(input.errorMessage)), MAX_ERROR_MESSAGE)
        : undefined,
    }),
  }) as InvocationEvent;
  const problems = validateInvocation(event);
  if (problems.length) {
    throw new InvalidEventError(problems);
  }
  return event;
}

export function buildFeedback(input: FeedbackInput): FeedbackEvent {
  const timestamp = input.timestamp ?? new Date();
  const event = defined({
    '@timestamp': timestamp.toISOString(),
    event: { id: input.eventId ?? randomUUID(), dataset: DATASETS.feedback },
    schema_version: SCHEMA_VERSION,
    ...refs(input.procedureId, input),
    invocation: input.invocationId ? { id: input.invocationId } : undefined,
    agent: input.agentId ? { id: input.agentId } : undefined,
    clarity: input.clarity,
    usefulness: input.usefulness,
    comment: input.comment ? redactSecrets(cleanFreeText(input.comment)) : undefined,
    source: input.source as FeedbackSource,
    review: { quarter: input.quarter ?? quarterOf(timestamp), status: (input.reviewStatus ?? 'new') as ReviewStatus },
  }) as FeedbackEvent;
  const problems = validateFeedback(event);
  if (problems.length) {
    throw new InvalidEventError(problems);
  }
  return event;
}

export function toBulkDoc(doc: InvocationEvent | FeedbackEvent | CatalogDocument): BulkDoc {
  return {
    index: indexFor(doc.event.dataset, doc['@timestamp']),
    id: doc.event.id,
    // Catalog entries are state (last seen), so they are overwritten; events are immutable facts.
    op: doc.event.dataset === DATASETS.catalog ? 'index' : 'create',
    source: doc,
  };
}
