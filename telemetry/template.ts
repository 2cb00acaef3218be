// Composable index templates for the satellite telemetry indices.
//
// Plain monthly indices (`codesentinel-satellites-invocations-2026.11`), not data streams: the index
// is derived from the event's own @timestamp, so a replayed event always lands in the same index and
// `create` with `_id = event.id` answers 409 instead of writing a second copy. A data stream writes to
// whatever backing index is current, so a retry after a rollover would duplicate the event. (The
// integration-test distribution also ships without the data-streams module.)
import { DATASETS, type Dataset } from './schema';

export const INDEX_PREFIX = 'codesentinel-satellites';
/** What the Grafana data source and the exporter read: all three kinds of document. */
export const INDEX_PATTERN = `${INDEX_PREFIX}-*`;
export const CATALOG_INDEX = `${INDEX_PREFIX}-catalog`;

const keyword = { type: 'keyword', ignore_above: 512 } as const;
// Free text: searchable, never aggregated; a keyword subfield only where a table shows the value.
const text = { type: 'text' } as const;

const satelliteMapping = {
  properties: { id: keyword, path: keyword, version: keyword },
};

const procedureMapping = {
  properties: {
    id: keyword,
    number: { type: 'integer' },
    title: { type: 'text', fields: { keyword } },
    content_sha: keyword,
  },
};

/**
 * The review workflow's fields (`codesentinel-telemetry review set`): who moved the item last, why,
 * and for an applied item the procedure text's new content_sha; `history` keeps every step, so a
 * later reviewer never erases an earlier one. Also put on existing feedback indices by `review set`.
 */
export const REVIEW_PROPERTIES = {
  quarter: keyword,
  status: keyword,
  reviewer: keyword,
  note: text,
  updated_at: { type: 'date' },
  applied_content_sha: keyword,
  history: {
    properties: {
      status: keyword,
      reviewer: keyword,
      note: text,
      at: { type: 'date' },
      applied_content_sha: keyword,
    },
  },
} as const;

export const COMPONENT_TEMPLATES: Record<string, object> = {
  [`${INDEX_PREFIX}-settings`]: {
    template: {
      // 0-1: green on a single test node, one replica once a second node joins.
      settings: { 'index.auto_expand_replicas': '0-1', 'index.number_of_shards': 1 },
    },
    _meta: { description: 'CodeSentinel satellite telemetry: index settings' },
  },
  [`${INDEX_PREFIX}-common`]: {
    template: {
      mappings: {
        dynamic: 'strict',
        properties: {
          '@timestamp': { type: 'date' },
          schema_version: { type: 'short' },
          event: { properties: { id: keyword, dataset: keyword } },
          satellite: satelliteMapping,
          procedure: procedureMapping,
          agent: { properties: { id: keyword } },
        },
      },
    },
    _meta: { description: 'CodeSentinel satellite telemetry: fields shared by every document' },
  },
  [`${INDEX_PREFIX}-invocation`]: {
    template: {
      mappings: {
        properties: {
          session: { properties: { id: keyword } },
          status: keyword,
          abort_reason: keyword,
          duration_ms: { type: 'double' },
          steps_total: { type: 'integer' },
          steps_completed: { type: 'integer' },
          task: { properties: { id: keyword, type: keyword } },
          error: { properties: { type: keyword, message: text } },
        },
      },
    },
    _meta: { description: 'CodeSentinel satellite telemetry: procedure invocations' },
  },
  [`${INDEX_PREFIX}-feedback`]: {
    template: {
      mappings: {
        properties: {
          invocation: { properties: { id: keyword } },
          clarity: { type: 'byte' },
          usefulness: { type: 'byte' },
          // The page lists the latest comments verbatim, so they are stored but not aggregated.
          comment: text,
          source: keyword,
          review: { properties: REVIEW_PROPERTIES },
        },
      },
    },
    _meta: { description: 'CodeSentinel satellite telemetry: feedback on procedures' },
  },
  [`${INDEX_PREFIX}-catalog`]: {
    template: {
      mappings: {
        properties: {
          procedure: {
            properties: { when: text, steps_count: { type: 'integer' } },
          },
        },
      },
    },
    _meta: { description: 'CodeSentinel satellite telemetry: procedures found in AGENT_INSTRUCTIONS.md' },
  },
};

const kinds = {
  invocations: 'invocation',
  feedback: 'feedback',
  catalog: 'catalog',
} as const;

export const INDEX_TEMPLATES: Record<string, object> = Object.fromEntries(
  Object.entries(kinds).map(([plural, singular]) => [
    `${INDEX_PREFIX}-${plural}`,
    {
      index_patterns: [plural === 'catalog' ? CATALOG_INDEX : `${INDEX_PREFIX}-${plural}-*`],
      priority: 200,
      composed_of: [`${INDEX_PREFIX}-settings`, `${INDEX_PREFIX}-common`, `${INDEX_PREFIX}-${singular}`],
      _meta: { schema_version: 1, managed_by: 'codesentinel-telemetry' },
    },
  ])
);

/** The index a document belongs in, from its own timestamp (UTC month), so retries are idempotent. */
export function indexFor(dataset: Dataset, timestamp: string): string {
  if (dataset === DATASETS.catalog) {
    return CATALOG_INDEX;
  }
  const d = new Date(timestamp);
  const month = `${d.getUTCFullYear()}.${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  return `${INDEX_PREFIX}-${dataset === DATASETS.invocation ? 'invocations' : 'feedback'}-${month}`;
}
