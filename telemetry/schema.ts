// Satellite telemetry event schema, version 1. The README documents the same fields; the index
// templates in `template.ts` map exactly these fields (`dynamic: strict`), so a field added here
// without a mapping is rejected by Elasticsearch instead of silently changing the index.

import {
  DATASETS,
  INVOCATION_STATUSES,
  REVIEW_STATUSES,
  type Dataset,
  type InvocationStatus,
  type ReviewStatus,
} from './contract';

// The names and values readers rely on are the package's contract (contract.ts); kept importable from here.
export { DATASETS, INVOCATION_STATUSES, REVIEW_STATUSES, type Dataset, type InvocationStatus, type ReviewStatus };

export const SCHEMA_VERSION = 1;

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
  review: ReviewState;
}

/** One step of the review, as `codesentinel-telemetry review set` records it. */
export interface ReviewStep {
  status: ReviewStatus;
  reviewer: string;
  note?: string;
  at: string;
  /** For `applied`: the content_sha of the procedure text that contains the change. */
  applied_content_sha?: string;
}

export interface ReviewState {
  quarter: string;
  status: ReviewStatus;
  reviewer?: string;
  note?: string;
  updated_at?: string;
  applied_content_sha?: string;
  history?: ReviewStep[];
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
export const QUARTER_PATTERN = /^[0-9]{4}-Q[1-4]$/;
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;
// Characters that never belong in an id: C0/C1 controls (they break JSONL shipping and terminals),
// bidi embeddings, overrides and isolates and zero-width characters (they make two different ids
// look the same), U+FFFD (what invalid UTF-8 in argv or a folder name decodes to, so distinct ids
// would collide) and lone surrogates (not encodable at all).
const UNSAFE_ID_CHAR =
  /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufffd]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/**
 * Elasticsearch's `_id` limit (bytes), and the keyword `ignore_above` (characters) of the mapping:
 * an id under it in bytes is under it in characters, so every stored id is indexed and counted.
 */
export const MAX_ID_BYTES = 512;

/** A value for a message: quoted, with every unsafe or invisible character shown as `\uXXXX`. */
export function shown(value: string): string {
  return JSON.stringify(value).replace(
    /[\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufffd\ud800-\udfff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
  );
}

/** Why a value cannot be an id (or a satellite folder in one), or undefined. */
export function unsafeIdProblem(value: string): string | undefined {
  const m = UNSAFE_ID_CHAR.exec(value);
  if (!m) {
    return undefined;
  }
  const code = `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  if (m[0] === '\ufffd') {
    return `contains ${code}: it was not valid UTF-8 (refused, so that two different ids cannot become one)`;
  }
  return `contains ${code}, a control, bidi-override, zero-width or unpaired surrogate character`;
}

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
  const unsafe = unsafeIdProblem(id);
  if (unsafe) {
    return `procedure id ${shown(id)} ${unsafe}`;
  }
  if (id !== id.trim()) {
    return `procedure id ${shown(id)} has surrounding spaces`;
  }
  const bytes = Buffer.byteLength(id, 'utf8');
  if (bytes > MAX_ID_BYTES) {
    return `procedure id is ${bytes} bytes in UTF-8, over the limit of ${MAX_ID_BYTES} (Elasticsearch's document id limit)`;
  }
  const m = PROCEDURE_ID_PATTERN.exec(id);
  if (!m) {
    return `procedure id ${shown(id)} is malformed: expected <satellite folder>/PROC-<n> with n ≥ 1, e.g. github/PROC-1`;
  }
  const satelliteId = m[1];
  const segments = satelliteId.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..' || s !== s.trim())) {
    return `procedure id ${shown(id)} has an empty, '.', '..' or space-padded folder segment`;
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

/** For messages: 1e309 and NaN are not `null` (what JSON.stringify makes of them). */
function describe(v: unknown): string {
  return typeof v === 'number' && !Number.isFinite(v) ? `${v} (not a finite number)` : JSON.stringify(v);
}

/** Events older than this or more than a day ahead are mistakes (year 0001 or 9999 made odd indices). */
export const EARLIEST_EVENT = Date.UTC(2000, 0, 1);
const LATEST_AHEAD_MS = 86_400_000;

function checkTimestamp(v: unknown, errors: Errors) {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/.test(v) || isNaN(Date.parse(v))) {
    errors.push(`@timestamp must be an ISO-8601 UTC instant ending in Z, got ${describe(v)}`);
    return;
  }
  const t = Date.parse(v);
  if (t < EARLIEST_EVENT || t > Date.now() + LATEST_AHEAD_MS) {
    errors.push(`@timestamp must be from 2000-01-01 to one day from now, got ${v}`);
  }
}

/** Free text (a title, a comment, an error message). */
function checkOptionalString(v: unknown, name: string, errors: Errors, max = 1024) {
  if (v === undefined) {
    return;
  }
  if (typeof v !== 'string' || v.length === 0 || v.length > max) {
    errors.push(`${name} must be a non-empty string of at most ${max} characters`);
  }
}

/** A keyword that identifies something (a session, an agent, a version): like an id, no unsafe characters. */
function checkOptionalKeyword(v: unknown, name: string, errors: Errors, max = 256) {
  checkOptionalString(v, name, errors, max);
  const unsafe = typeof v === 'string' ? unsafeIdProblem(v) : undefined;
  if (unsafe) {
    errors.push(`${name} ${shown(v as string)} ${unsafe}`);
  }
}

// In free text, controls other than tab and newline, bidi overrides and zero-width characters are
// removed: they can hide or reorder what a reviewer reads.
const UNSAFE_TEXT_CHARS =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

export function cleanFreeText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(UNSAFE_TEXT_CHARS, '');
}

function checkInteger(v: unknown, name: string, errors: Errors, min: number, max: number, optional: boolean) {
  if (v === undefined && optional) {
    return;
  }
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    errors.push(`${name} must be an integer from ${min} to ${max}, got ${describe(v)}`);
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
    checkOptionalKeyword(satellite.version, 'satellite.version', errors, 128);
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
    (typeof procedure.content_sha !== 'string' || !SHA256_PATTERN.test(procedure.content_sha))
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
    errors.push(`duration_ms must be a finite number from 0 to 7 days in ms, got ${describe(doc.duration_ms)}`);
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
    } else if (doc[key] !== undefined) {
      checkOptionalKeyword((doc[key] as { id: string }).id, `${key}.id`, errors);
    }
  }
  if (isObject(doc.task)) {
    checkOptionalKeyword(doc.task.id, 'task.id', errors, 256);
    checkOptionalKeyword(doc.task.type, 'task.type', errors, 128);
  }
  if (isObject(doc.error)) {
    checkOptionalKeyword(doc.error.type, 'error.type', errors, 128);
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
  if (!isObject(review) || typeof review.quarter !== 'string' || !QUARTER_PATTERN.test(review.quarter)) {
    errors.push('review.quarter must look like 2026-Q4');
  }
  if (!isObject(review) || !REVIEW_STATUSES.includes(review.status as ReviewStatus)) {
    errors.push(`review.status must be one of ${REVIEW_STATUSES.join(', ')}`);
  }
  return errors;
}
