// What a reviewer's `review set` does to an item's review state: pure, so the rules are tested
// without Elasticsearch. Repeating the same step changes nothing (safe to retry); every real step is
// appended to the history, so a later reviewer's decision never erases an earlier one's.
import { redactSecrets } from '../redact';
import {
  cleanFreeText,
  SHA256_PATTERN,
  shown,
  unsafeIdProblem,
  type FeedbackEvent,
  type ReviewState,
  type ReviewStatus,
} from '../schema';

/** What a reviewer can set; `new` is where every item starts, never a decision. */
export const REVIEWER_STATUSES = ['triaged', 'accepted', 'rejected', 'applied'] as const;
/** Items still waiting for a decision. */
export const OPEN_STATUSES = ['new', 'triaged', 'accepted'] as const satisfies readonly ReviewStatus[];

export interface ReviewRequest {
  status: string;
  reviewer: string;
  note?: string;
  /** Required for `applied`: the content_sha of the procedure text with the change. */
  contentSha?: string;
  at: Date;
}

export type Transition =
  { kind: 'unchanged' } | { kind: 'update'; review: ReviewState } | { kind: 'invalid'; problems: string[] };

const MAX_NOTE = 4000;

export function planTransition(doc: FeedbackEvent, request: ReviewRequest): Transition {
  const problems: string[] = [];
  const status = request.status as (typeof REVIEWER_STATUSES)[number];
  if (!REVIEWER_STATUSES.includes(status)) {
    problems.push(`--status must be one of ${REVIEWER_STATUSES.join(', ')}, got ${shown(String(request.status))}`);
  }
  const reviewer = request.reviewer ?? '';
  if (reviewer.trim() === '' || reviewer.length > 256) {
    problems.push('--reviewer must name who decides (1 to 256 characters), e.g. --reviewer alice');
  } else if (unsafeIdProblem(reviewer)) {
    problems.push(`--reviewer ${shown(reviewer)} ${unsafeIdProblem(reviewer)}`);
  }
  const note = request.note === undefined ? undefined : redactSecrets(cleanFreeText(request.note)).trim() || undefined;
  if (note !== undefined && note.length > MAX_NOTE) {
    problems.push(`--note is ${note.length} characters, at most ${MAX_NOTE} are kept`);
  }
  const sha = request.contentSha;
  if (status === 'applied') {
    if (sha === undefined) {
      problems.push(
        "--content-sha is required with --status applied: the new procedure text's sha256 (from `catalog --json`)"
      );
    } else if (!SHA256_PATTERN.test(sha)) {
      problems.push(`--content-sha must be a lowercase hex sha256, got ${shown(sha.slice(0, 80))}`);
    } else if (sha === doc.procedure.content_sha) {
      problems.push(
        '--content-sha is the hash of the text this feedback was given on; applied needs the hash of the changed text'
      );
    }
  } else if (sha !== undefined) {
    problems.push('--content-sha only goes with --status applied');
  }
  if (problems.length) {
    return { kind: 'invalid', problems };
  }
  const current = doc.review;
  if (
    current.status === status &&
    current.reviewer === reviewer &&
    current.note === note &&
    current.applied_content_sha === (status === 'applied' ? sha : undefined)
  ) {
    return { kind: 'unchanged' };
  }
  const at = request.at.toISOString();
  const step = {
    status,
    reviewer,
    at,
    ...(note !== undefined ? { note } : {}),
    ...(status === 'applied' ? { applied_content_sha: sha } : {}),
  };
  return {
    kind: 'update',
    review: {
      quarter: current.quarter,
      status,
      reviewer,
      ...(note !== undefined ? { note } : {}),
      ...(status === 'applied' ? { applied_content_sha: sha } : {}),
      updated_at: at,
      history: [...(current.history ?? []), step],
    },
  };
}
