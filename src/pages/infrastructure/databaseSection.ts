// PostgreSQL (postgres_exporter): one worst-first table of every database, then a section per
// database, repeated over the page's `database` variable. Each section's panels run the catalogue's
// queries with `${database}` bound to that one database by a LocalValueVariable, as Grafana's own
// repeated rows do, so the queries stay the catalogue's and the value is escaped by Grafana.
import {
  LocalValueVariable,
  PanelBuilders,
  SceneByVariableRepeater,
  SceneDataTransformer,
  SceneFlexItem,
  SceneFlexLayout,
  SceneVariableSet,
  type VariableValueOption,
  type VizPanel,
} from '@grafana/scenes';
import { TableCellBackgroundDisplayMode, TableCellDisplayMode } from '@grafana/schema';

import { VAR_DATABASE } from '../../constants';
import { type PostgresQueries } from '../../queries/postgres';
import { grid } from '../shared/layout';
import { promRunner, statPanel, timeseriesPanel } from '../shared/panels';
import { instantQuery, rangeQuery } from '../shared/sceneParts';
import { HEALTHY_SHARE_THRESHOLDS, SATURATION_THRESHOLDS } from '../shared/thresholds';

import { heading } from './sections';

export const DATABASE_COLUMNS = {
  connections: 'Connections of max',
  cacheHit: 'Cache hit ratio',
  transactions: 'Transactions/s',
  deadlocks: 'Deadlocks',
  longest: 'Longest transaction',
} as const;

const REFS = { connections: 'conn', cacheHit: 'hit', transactions: 'tps', deadlocks: 'deadlocks', longest: 'longest' } as const;

export function databaseTableTransformations() {
  return [
    // Instant table results share their label columns (instance, datname): merge joins them into rows.
    { id: 'merge', options: {} },
    {
      id: 'organize',
      options: {
        excludeByName: { Time: true },
        renameByName: {
          datname: 'Database',
          instance: 'Server',
          ...Object.fromEntries(Object.entries(REFS).map(([key, ref]) => [`Value #${ref}`, DATABASE_COLUMNS[key as keyof typeof REFS]])),
        },
      },
    },
    { id: 'sortBy', options: { sort: [{ field: DATABASE_COLUMNS.connections, desc: true }] } },
  ];
}

function databaseTable(p: PostgresQueries): VizPanel {
  return PanelBuilders.table()
    .setTitle('Databases')
    .setDescription('Every PostgreSQL database, the fullest connection pool first. Each has its own section below.')
    .setData(
      new SceneDataTransformer({
        $data: promRunner(
          instantQuery(REFS.connections, p.connectionsOfMax),
          instantQuery(REFS.cacheHit, p.cacheHitRatio),
          instantQuery(REFS.transactions, p.transactions),
          instantQuery(REFS.deadlocks, p.deadlocksInRange),
          instantQuery(REFS.longest, p.longestTransaction)
        ),
        transformations: databaseTableTransformations(),
      })
    )
    .setNoValue('No PostgreSQL databases found: is postgres_exporter scraped by this Prometheus?')
    .setOverrides((b) =>
      b
        .matchFieldsWithName(DATABASE_COLUMNS.connections)
        .overrideUnit('percentunit')
        .overrideThresholds(SATURATION_THRESHOLDS)
        .overrideColor({ mode: 'thresholds' })
        .overrideCustomFieldConfig('cellOptions', { type: TableCellDisplayMode.ColorBackground, mode: TableCellBackgroundDisplayMode.Basic })
        .matchFieldsWithName(DATABASE_COLUMNS.cacheHit)
        .overrideUnit('percentunit')
        .overrideDecimals(1)
        .overrideThresholds(HEALTHY_SHARE_THRESHOLDS)
        .overrideColor({ mode: 'thresholds' })
        .overrideCustomFieldConfig('cellOptions', { type: TableCellDisplayMode.ColorText })
        .matchFieldsWithName(DATABASE_COLUMNS.transactions)
        .overrideUnit('suffix: tx/s')
        .overrideDecimals(1)
        .matchFieldsWithName(DATABASE_COLUMNS.deadlocks)
        .overrideUnit('none')
        .overrideDecimals(0)
        .matchFieldsWithName(DATABASE_COLUMNS.longest)
        .overrideUnit('s')
    )
    .build();
}

/** The panels of one database's section; `${database}` in their queries is that database. */
export function databasePanels(p: PostgresQueries): VizPanel[] {
  const LEGEND = '{{instance}}';
  return [
    timeseriesPanel({
      title: 'Connections of max',
      description: 'Backends connected to this database as a share of the server’s max_connections. At 100 % new connections are refused.',
      unit: 'percentunit',
      ratio: true,
      thresholds: SATURATION_THRESHOLDS,
      queries: [rangeQuery('A', p.connectionsOfMax, LEGEND)],
    }),
    timeseriesPanel({
      title: 'Transactions',
      description: 'Committed plus rolled-back transactions per second.',
      unit: 'suffix: tx/s',
      queries: [rangeQuery('A', p.transactions, LEGEND)],
    }),
    timeseriesPanel({
      title: 'Cache hit ratio',
      description: 'Share of block reads served from shared buffers. Below about 99 % on a busy database, queries wait for the disk.',
      unit: 'percentunit',
      thresholds: HEALTHY_SHARE_THRESHOLDS,
      queries: [rangeQuery('A', p.cacheHitRatio, LEGEND)],
    }),
    timeseriesPanel({
      title: 'Deadlocks',
      description: 'Deadlocks detected (each one aborts a transaction) per interval.',
      unit: 'suffix: deadlocks',
      queries: [rangeQuery('A', p.deadlocks, LEGEND)],
    }),
    timeseriesPanel({
      title: 'Longest transaction',
      description: 'Age of the oldest open transaction. A long one holds locks and keeps VACUUM from cleaning up.',
      unit: 's',
      queries: [rangeQuery('A', p.longestTransaction, LEGEND)],
    }),
    statPanel({
      title: 'Replication lag',
      description: 'How far this server’s replay is behind its primary (0 on a primary). Reads from a lagging replica are stale.',
      expr: p.replicationLag,
      unit: 's',
    }),
  ];
}

function databaseSection(p: PostgresQueries, option: VariableValueOption): SceneFlexItem {
  return new SceneFlexItem({
    ySizing: 'content',
    $variables: new SceneVariableSet({
      variables: [new LocalValueVariable({ name: VAR_DATABASE, value: option.value, text: option.label, isMulti: true, includeAll: true })],
    }),
    body: new SceneFlexLayout({
      direction: 'column',
      children: [
        heading(`Database ${option.label}`),
        new SceneFlexItem({ ySizing: 'content', body: grid(databasePanels(p), { minColumnWidth: 300, rowHeight: 220 }) }),
      ],
    }),
  });
}

export function databaseItems(p: PostgresQueries): SceneFlexItem[] {
  return [
    new SceneFlexItem({ height: 220, body: databaseTable(p) }),
    new SceneFlexItem({
      ySizing: 'content',
      body: new SceneByVariableRepeater({
        variableName: VAR_DATABASE,
        body: new SceneFlexLayout({ direction: 'column', children: [] }),
        getLayoutChild: (option) => databaseSection(p, option),
      }),
    }),
  ];
}
