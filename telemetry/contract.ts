// What this package promises to its readers: the Elasticsearch field names and dataset names of the
// stored documents, the values a document's enumerated fields take, and the CLI's exit codes. The
// Satellite Health page's queries (src/queries/elasticsearch/satellites.ts) import this module, so
// it stays free of imports: the plugin bundle takes these constants and nothing of the CLI.

/** `event.dataset` of each document kind. */
export const DATASETS = {
  invocation: 'codesentinel.invocation',
  feedback: 'codesentinel.feedback',
  catalog: 'codesentinel.catalog',
} as const;
export type Dataset = (typeof DATASETS)[keyof typeof DATASETS];

/** Field paths as Elasticsearch indexes them (the index templates in template.ts map these). */
export const FIELDS = {
  timestamp: '@timestamp',
  dataset: 'event.dataset',
  satellite: 'satellite.id',
  procedure: 'procedure.id',
  title: 'procedure.title.keyword',
  status: 'status',
  duration: 'duration_ms',
  clarity: 'clarity',
  usefulness: 'usefulness',
  comment: 'comment',
  quarter: 'review.quarter',
  reviewStatus: 'review.status',
  contentSha: 'procedure.content_sha',
  taskId: 'task.id',
  taskType: 'task.type',
} as const;

export const INVOCATION_STATUSES = ['success', 'failure', 'agent_aborted'] as const;
export type InvocationStatus = (typeof INVOCATION_STATUSES)[number];

export const REVIEW_STATUSES = ['new', 'triaged', 'accepted', 'rejected', 'applied'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** Usage mistakes and invalid events. */
export const EXIT_BAD_INPUT = 2;
/** `flush` left events pending (EX_TEMPFAIL: try again later). */
export const EXIT_PENDING = 75;
