export { DORA_BANDS, DORA_SOURCE, doraBand, type DoraBand, type DoraMeasure } from './bands';
export {
  ALERT_LINK_WINDOW_SECONDS,
  alertOnsets,
  distinctRuns,
  doraSummary,
  type DeployRunRecord,
  type DeployStatus,
  type DoraSummary,
  type IncidentStart,
  type MeasureValue,
} from './dora';
