// The library surface: open ledgers, reconcile them, render the report. The CLI in cli/ is
// one user of it; a `verify` command or a service can be another.

export { FundgapError, FundgapFailures, formatError, type ErrorCode, type Failure, type Location } from './errors.js';
export { FAILURE_CATALOGUE, describeFailure } from './report/failure-messages.js';
export { runReconciliation, type LedgerInput, type RunOptions } from './pipeline.js';
export { openSheet, parseLedgerRef } from './sheets/open.js';
export { defaultSettings, type Settings } from './settings.js';
export type { GapReport, InputSummary } from './report/model.js';
export { renderText } from './report/render-text.js';
export { renderMarkdown } from './report/render-md.js';
export { renderJson, toJson } from './report/render-json.js';
export { renderCsv } from './report/render-csv.js';
export { failsAt } from './report/build.js';
