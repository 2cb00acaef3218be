// PostgreSQL through postgres_exporter's metric names. Server-wide values (max_connections,
// replication lag) are per scrape target (`instance`); the rest per database (`datname`), narrowed by
// the page's `database` variable. Template databases and the shared-objects row (datname="") are
// not databases anyone runs queries on.
import { VAR_DATABASE_EXPR } from '../constants';

import { type LabelMatcher, aggregate, rate, selector } from './selector';

export const POSTGRES_EXPORTER = {
  up: 'pg_up',
  backends: 'pg_stat_database_numbackends',
  maxConnections: 'pg_settings_max_connections',
  commits: 'pg_stat_database_xact_commit',
  rollbacks: 'pg_stat_database_xact_rollback',
  blocksHit: 'pg_stat_database_blks_hit',
  blocksRead: 'pg_stat_database_blks_read',
  deadlocks: 'pg_stat_database_deadlocks',
  longestTransaction: 'pg_stat_activity_max_tx_duration',
  /** postgres_exporter ≥ 0.12's replication collector; older versions get it from a queries file as pg_replication_lag. */
  replicationLag: 'pg_replication_lag_seconds',
  replicationLagLegacy: 'pg_replication_lag',
  databaseLabel: 'datname',
} as const;

const IGNORED_DATABASES = 'template0|template1|';

export interface PostgresQueries {
  /** Servers the exporter reaches (1) or not (0). */
  up: string;
  /** Connections per database as a share of its server's max_connections (0..1). */
  connectionsOfMax: string;
  /** Committed plus rolled-back transactions per second per database. */
  transactions: string;
  /** Rolled-back share of transactions per database (0..1). */
  rollbackRatio: string;
  /** Share of block reads served from shared buffers per database (0..1). */
  cacheHitRatio: string;
  /** Deadlocks per database in each interval. */
  deadlocks: string;
  /** Deadlocks per database over the dashboard range. */
  deadlocksInRange: string;
  /** Age of the oldest open transaction per database, seconds. */
  longestTransaction: string;
  /** Replication lag per server, seconds (0 on a primary). */
  replicationLag: string;
}

export function postgresQueries(): PostgresQueries {
  const db: LabelMatcher[] = [
    { label: POSTGRES_EXPORTER.databaseLabel, variable: VAR_DATABASE_EXPR },
    { label: POSTGRES_EXPORTER.databaseLabel, notPattern: IGNORED_DATABASES },
  ];
  const perDb = ['instance', POSTGRES_EXPORTER.databaseLabel];
  const sumRate = (metric: string) => aggregate('sum', perDb, rate(selector(metric, db)));
  const commits = sumRate(POSTGRES_EXPORTER.commits);
  const rollbacks = sumRate(POSTGRES_EXPORTER.rollbacks);
  const hits = sumRate(POSTGRES_EXPORTER.blocksHit);
  const reads = sumRate(POSTGRES_EXPORTER.blocksRead);
  return {
    up: aggregate('max', ['instance'], POSTGRES_EXPORTER.up),
    connectionsOfMax: `${aggregate('sum', perDb, selector(POSTGRES_EXPORTER.backends, db))} / on (instance) group_left ${aggregate(
      'max',
      ['instance'],
      POSTGRES_EXPORTER.maxConnections
    )}`,
    transactions: `${commits} + ${rollbacks}`,
    // `> 0` leaves an idle database out instead of dividing by zero.
    rollbackRatio: `${rollbacks} / (${commits} + ${rollbacks} > 0)`,
    cacheHitRatio: `${hits} / (${hits} + ${reads} > 0)`,
    deadlocks: aggregate('sum', perDb, `increase(${selector(POSTGRES_EXPORTER.deadlocks, db)}[$__rate_interval])`),
    deadlocksInRange: aggregate('sum', perDb, `increase(${selector(POSTGRES_EXPORTER.deadlocks, db)}[$__range])`),
    longestTransaction: aggregate('max', perDb, selector(POSTGRES_EXPORTER.longestTransaction, db)),
    replicationLag: aggregate(
      'max',
      ['instance'],
      `${POSTGRES_EXPORTER.replicationLag} or ${POSTGRES_EXPORTER.replicationLagLegacy}`
    ),
  };
}

export function postgresVariableQueries() {
  const sel = selector(POSTGRES_EXPORTER.backends, [{ label: POSTGRES_EXPORTER.databaseLabel, notPattern: IGNORED_DATABASES }]);
  return {
    database: { selector: sel, label: POSTGRES_EXPORTER.databaseLabel, query: `label_values(${sel}, ${POSTGRES_EXPORTER.databaseLabel})` },
  };
}
