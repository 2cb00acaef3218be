// Walks a repository for AGENT_INSTRUCTIONS.md satellites and turns their procedures into catalog
// documents. The satellite id is the folder relative to the root (`tools/codesentinel`), `root` for
// a file at the top, so ids match what agents record (`tools/codesentinel/PROC-2`).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

import { DATASETS, parseProcedureId, SCHEMA_VERSION, type CatalogDocument } from '../schema';

import { parseSatelliteText, type SkippedItem } from './parse';

export const SATELLITE_FILE = 'AGENT_INSTRUCTIONS.md';
export const ROOT_SATELLITE_ID = 'root';
const IGNORED_DIRS = new Set(['node_modules', '.git', '.cache', 'dist', 'vendor']);
const MAX_FILE_BYTES = 2 * 1024 * 1024;

export interface CatalogReport {
  documents: CatalogDocument[];
  files: Array<{
    path: string;
    satelliteId: string;
    procedures: number;
    repairedLines: number;
    skipped: SkippedItem[];
  }>;
}

function findSatelliteFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      // Symlinked folders are not followed: they can loop and would count a satellite twice.
      if (entry.isDirectory() && !IGNORED_DIRS.has(entry.name)) {
        walk(join(dir, entry.name));
      } else if (entry.isFile() && entry.name.toLowerCase() === SATELLITE_FILE.toLowerCase()) {
        found.push(join(dir, entry.name));
      }
    }
  };
  walk(root);
  return found.sort();
}

export function satelliteIdFor(root: string, file: string): string {
  const folder = relative(root, join(file, '..')).split(sep).join('/');
  return folder === '' ? ROOT_SATELLITE_ID : folder;
}

export function scanCatalog(root: string, options: { now?: Date; version?: string } = {}): CatalogReport {
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
    throw new Error(`catalog root ${root} is not a directory`);
  }
  const timestamp = (options.now ?? new Date()).toISOString();
  const report: CatalogReport = { documents: [], files: [] };
  for (const file of findSatelliteFiles(root)) {
    const path = relative(root, file).split(sep).join('/');
    const satelliteId = satelliteIdFor(root, file);
    const size = statSync(file).size;
    if (size > MAX_FILE_BYTES) {
      report.files.push({
        path,
        satelliteId,
        procedures: 0,
        repairedLines: 0,
        skipped: [{ line: 0, reason: `file is ${size} bytes, over the 2 MiB limit` }],
      });
      continue;
    }
    const folderProblem = parseProcedureId(`${satelliteId}/PROC-1`);
    if (typeof folderProblem === 'string') {
      // A folder named with a newline, an escape code or invalid UTF-8 cannot be a satellite id.
      report.files.push({
        path,
        satelliteId,
        procedures: 0,
        repairedLines: 0,
        skipped: [{ line: 0, reason: folderProblem }],
      });
      continue;
    }
    const parsed = parseSatelliteText(readFileSync(file, 'utf8'));
    report.files.push({
      path,
      satelliteId,
      procedures: parsed.procedures.length,
      repairedLines: parsed.repairedLines,
      skipped: parsed.skipped,
    });
    for (const proc of parsed.procedures) {
      const id = `${satelliteId}/PROC-${proc.number}`;
      const idProblem = parseProcedureId(id);
      if (typeof idProblem === 'string') {
        report.files[report.files.length - 1].skipped.push({ line: 0, reason: idProblem });
        continue;
      }
      report.documents.push({
        '@timestamp': timestamp,
        event: { id, dataset: DATASETS.catalog },
        schema_version: SCHEMA_VERSION,
        satellite: { id: satelliteId, path, ...(options.version ? { version: options.version } : {}) },
        procedure: {
          id,
          number: proc.number,
          title: proc.title,
          content_sha: proc.contentSha,
          ...(proc.when ? { when: proc.when } : {}),
          steps_count: proc.steps.length,
        },
      });
    }
  }
  return report;
}
