// The one enumerator of every PromQL string the app can emit. Pages build their queries from the same
// builders, so a query missing here is a query no test has run on Prometheus. Features that add
// queries (canary, satellites, ...) add their list to CONTRIBUTORS.
import { finderCatalogueEntries } from './bottleneck';
import { canaryCatalogueEntries } from './canary';
import { deploymentEntries, infrastructureEntries } from './catalogueExporters';
import { overviewEntries, serviceEntries } from './catalogueRequests';
import type { CatalogueEntry } from './catalogueTypes';
import type { MetricConvention } from './conventions';
import { trendsCatalogueEntries } from './trends';

export type { CatalogueEntry } from './catalogueTypes';
export { CATALOGUE_SUBSTITUTIONS, substituteTemplateVariables } from './catalogueTypes';

export interface CatalogueOptions {
  /** Service name used for the per-service pages (the demo's services are checkout, payments, ...). */
  service?: string;
}

type Contributor = (c: MetricConvention, options: Required<CatalogueOptions>) => CatalogueEntry[];

const CONTRIBUTORS: Contributor[] = [
  (c) => overviewEntries(c),
  (c, { service }) => serviceEntries(c, service),
  () => infrastructureEntries(),
  (_c, { service }) => deploymentEntries(service),
  (c, { service }) => canaryCatalogueEntries(c, service),
  (c, { service }) => trendsCatalogueEntries(c, service),
  (c, { service }) => finderCatalogueEntries(c, service),
];

/** Every PromQL query (and label_values variable query) the app can emit for `convention`. */
export function allPromQueries(convention: MetricConvention, options: CatalogueOptions = {}): CatalogueEntry[] {
  const resolved: Required<CatalogueOptions> = { service: options.service ?? 'checkout' };
  return CONTRIBUTORS.flatMap((contribute) => contribute(convention, resolved));
}
