// Satellite telemetry event schema, version 1. The README documents the same fields; the index
// templates in `template.ts` map exactly these fields (`dynamic: strict`), so a field added here
// without a mapping is rejected by Elasticsearch instead of silently changing the index.

export const SCHEMA_VERSION = 1;

export const INVOCATION_STATUSES = ['success', 'failure', 'agent_aborted'] as const;
export type InvocationStatus = (typeof INVOCATION_STATUSES)[number];

/** Known abort reasons; others are accepted if they are snake_case, so new policies need no release. */
export const KNOWN_ABORT_REASONS = [
  'policy_blocked',
  'approval_denied',
  'user_cancel',
  'timeout',
  'budget_exhausted',
] as const;

export const FEEDBACK_SOURCES = ['agent', 'engineer'] as const;
export type FeedbackSource = (typeof FEEDBACK_SOURCES)[number];

export const REVIEW_STATUSES = ['new', 'triaged', 'accepted', 'rejected', 'applied'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const DATASETS = {
  invocation: 'codesentinel.invocation',
  feedback: 'codesentinel.feedback',
  catalog: 'codesentinel.catalog',
} as const;
export type Dataset = (typeof DATASETS)[keyof typeof DATASETS];

export interface SatelliteRef {
  /** The satellite's folder relative to the repository root, e.g. `tools/codesentinel`; `root` at the top. */
  id: string;
  /** Path of the AGENT_INSTRUCTIONS.md file, e.g. `tools/codesentinel/AGENT_INSTRUCTIONS.md`. */
  path?: string;
  /** Version of the file (a git commit or tag); free-form keyword. */
  version?: string;
}

export interface ProcedureRef {
  /** `<satellite id>/PROC-<number>`, e.g. `tools/codesentinel/PROC-2`. */
  id: string;
  number: number;
  title?: string;
  /** sha256 of the procedure's text: numbers are positional, the hash notices renumbering. */
  content_sha?: string;
}

interface EventBase {
  '@timestamp': string;
  event: { id: string; dataset: Dataset };
  schema_version: number;
  satellite: SatelliteRef;
  procedure: ProcedureRef;
}

export interface InvocationEvent extends EventBase {
  event: { id: string; dataset: typeof DATASETS.invocation };
  session?: { id: string };
  agent?: { id: string };
  status: InvocationStatus;
  abort_reason?: string;
  duration_ms: number;
  steps_total?: number;
  steps_completed?: number;
  task?: { id?: string; type?: string };
  error?: { type?: string; message?: string };
}

export interface FeedbackEvent extends EventBase {
  event: { id: string; dataset: typeof DATASETS.feedback };
  invocation?: { id: string };
  agent?: { id: string };
  clarity: number;
  usefulness: number;
  comment?: string;
  source: FeedbackSource;
  review: { quarter: string; status: ReviewStatus };
}

/** One procedure as found in the AGENT_INSTRUCTIONS.md tree; `@timestamp` is when the catalog last saw it. */
export interface CatalogDocument {
  '@timestamp': string;
  event: { id: string; dataset: typeof DATASETS.catalog };
  schema_version: number;
  satellite: SatelliteRef;
  procedure: ProcedureRef & { title: string; content_sha: string; when?: string; steps_count: number };
}

export type TelemetryEvent = InvocationEvent | FeedbackEvent;
export type StoredDocument = TelemetryEvent | CatalogDocument;

export const PROCEDURE_ID_PATTERN = /^(.+)\/PROC-([1-9][0-9]{0,5})$/;
const SNAKE_CASE = /^[a-z][a-z0-9_]{0,63}$/;
const QUARTER = /^[0-9]{4}-Q[1-4]$/;
const SHA256 = /^[0-9a-f]{64}$/;
// Control characters never belong in an id; they also break JSONL shipping and terminal output.
 
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

export interface ParsedProcedureId {
  satelliteId: string;
  number: number;
}

/**
 * Splits `<satellite>/PROC-<n>`. Satellite folders may nest (`tools/codesentinel`) and may contain
 * characters that are special to Lucene; those are escaped where queries are built, not refused here.
 */
export function parseProcedureId(id: string): ParsedProcedureId | string {
  if (typeof id !== 'string' || id.trim() === '') {
    return 'procedure id is empty: expected <satellite folder>/PROC-<n>, e.g. github/PROC-1';
  }
  if (id !== id.trim() || CONTROL_CHARS.test(id) || id.length > 512) {
    return `procedure id ${JSON.stringify(id)} has surrounding spaces, control characters or is over 512 characters`;
  }
  const m = PROCEDURE_ID_PATTERN.exec(id);
  if (!m) {
    return `procedure id ${JSON.stringify(id)} is malformed: expected <satellite folder>/PROC-<n> with n ≥ 1, e.g. github/PROC-1`;
  }
  const satelliteId = m[1];
  const segments = satelliteId.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..' || s !== s.trim())) {
    return `procedure id ${JSON.stringify(id)} has an empty, '.', '..' or space-padded folder segment`;
  }
  return { satelliteId, number: Number(m[2]) };
}

/** Quarter of a UTC instant, `2026-Q4`: feedback is reviewed quarterly. */
export function quarterOf(date: Date): string {
  return `${date.getUTCFullYear()}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}

type Errors = string[];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkTimestamp(v: unknown, errors: Errors) {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/.test(v) || isNaN(Date.parse(v))) {
    errors.push(`@timestamp must be an ISO-8601 UTC instant ending in Z, got ${JSON.stringify(v)}`);
  }
}

function checkOptionalString(v: unknown, name: string, errors: Errors, max = 1024) {
  if (v === undefined) {
    return;
  }
  if (typeof v !== 'string' || v.length === 0 || v.length > max) {
    errors.push(`${name} must be a non-empty string of at most ${max} characters`);
  }
}

function checkInteger(v: unknown, name: string, errors: Errors, min: number, max: number, optional: boolean) {
  if (v === undefined && optional) {
    return;
  }
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    errors.push(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(v)}`);
  }
}

function checkRefs(doc: Record<string, unknown>, errors: Errors) {
  checkTimestamp(doc['@timestamp'], errors);
  const event = doc.event;
  if (!isObject(event) || typeof event.id !== 'string' || !/^[A-Za-z0-9_-]{8,128}$/.test(event.id)) {
    errors.push('event.id must be 8–128 characters of [A-Za-z0-9_-] (a UUID works)');
  }
  if (doc.schema_version !== SCHEMA_VERSION) {
    errors.push(`schema_version must be ${SCHEMA_VERSION}`);
  }
  const satellite = doc.satellite;
  const procedure = doc.procedure;
  if (!isObject(satellite) || typeof satellite.id !== 'string' || satellite.id === '') {
    errors.push('satellite.id is required');
  } else {
    checkOptionalString(satellite.path, 'satellite.path', errors);
    checkOptionalString(satellite.version, 'satellite.version', errors, 128);
  }
  if (!isObject(procedure)) {
    errors.push('procedure is required');
    return;
  }
  const parsed = parseProcedureId(procedure.id as string);
  if (typeof parsed === 'string') {
    errors.push(parsed);
  } else {
    if (isObject(satellite) && satellite.id !== parsed.satelliteId) {
      errors.push(
        `procedure.id ${JSON.stringify(procedure.id)} does not belong to satellite ${JSON.stringify(satellite.id)}`
      );
    }
    if (procedure.number !== parsed.number) {
      errors.push(`procedure.number must be ${parsed.number} to match procedure.id`);
    }
  }
  checkOptionalString(procedure.title, 'procedure.title', errors);
  if (
    procedure.content_sha !== undefined &&
    (typeof procedure.content_sha !== 'string' || !SHA256.test(procedure.content_sha))
  ) {
    errors.push('procedure.content_sha must be a lowercase hex sha256');
  }
}

export function validateInvocation(doc: unknown): Errors {
  const errors: Errors = [];
  if (!isObject(doc)) {
    return ['an invocation must be a JSON object'];
  }
  checkRefs(doc, errors);
  if (!INVOCATION_STATUSES.includes(doc.status as InvocationStatus)) {
    errors.push(`status must be one of ${INVOCATION_STATUSES.join(', ')}, got ${JSON.stringify(doc.status)}`);
  }
  if (doc.abort_reason !== undefined) {
    if (doc.status !== 'agent_aborted') {
      errors.push('abort_reason is only allowed with status agent_aborted');
    }
    if (typeof doc.abort_reason !== 'string' || !SNAKE_CASE.test(doc.abort_reason)) {
      errors.push(`abort_reason must be snake_case (e.g. ${KNOWN_ABORT_REASONS.join(', ')})`);
    }
  }
  if (
    typeof doc.duration_ms !== 'number' ||
    !Number.isFinite(doc.duration_ms) ||
    doc.duration_ms < 0 ||
    doc.duration_ms > 7 * 86_400_000
  ) {
    errors.push(`duration_ms must be a finite number from 0 to 7 days in ms, got ${JSON.stringify(doc.duration_ms)}`);
  }
  checkInteger(doc.steps_total, 'steps_total', errors, 0, 10_000, true);
  checkInteger(doc.steps_completed, 'steps_completed', errors, 0, 10_000, true);
  if (
    typeof doc.steps_total === 'number' &&
    typeof doc.steps_completed === 'number' &&
    doc.steps_completed > doc.steps_total
  ) {
    errors.push('steps_completed cannot exceed steps_total');
  }
  for (const key of ['session', 'agent'] as const) {
    if (doc[key] !== undefined && (!isObject(doc[key]) || typeof (doc[key] as { id?: unknown }).id !== 'string')) {
      errors.push(`${key}.id must be a string`);
    }
  }
  if (isObject(doc.task)) {
    checkOptionalString(doc.task.id, 'task.id', errors, 256);
    checkOptionalString(doc.task.type, 'task.type', errors, 128);
  }
  if (isObject(doc.error)) {
    checkOptionalString(doc.error.type, 'error.type', errors, 128);
    checkOptionalString(doc.error.message, 'error.message', errors, 2048);
  }
  return errors;
}

export function validateFeedback(doc: unknown): Errors {
  const errors: Errors = [];
  if (!isObject(doc)) {
    return ['feedback must be a JSON object'];
  }
  checkRefs(doc, errors);
  checkInteger(doc.clarity, 'clarity', errors, 1, 5, false);
  checkInteger(doc.usefulness, 'usefulness', errors, 1, 5, false);
  checkOptionalString(doc.comment, 'comment', errors, 4000);
  if (!FEEDBACK_SOURCES.includes(doc.source as FeedbackSource)) {
    errors.push(`source must be one of ${FEEDBACK_SOURCES.join(', ')}`);
  }
  const review = doc.review;
  if (!isObject(review) || typeof review.quarter !== 'string' || !QUARTER.test(review.quarter)) {
    errors.push('review.quarter must look like 2026-Q4');
  }
  if (!isObject(review) || !REVIEW_STATUSES.includes(review.status as ReviewStatus)) {
    errors.push(`review.status must be one of ${REVIEW_STATUSES.join(', ')}`);
  }
  return errors;
}
