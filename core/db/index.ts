export { openDatabase, parseDbUrl, maskUrl, type Database, type Dialect } from './connection';
export { columnDefault, columnSpec, type ColumnSpec } from './columns';
export { listTables, describeTable, type LiveTable, type LiveColumn, type LiveIndex } from './introspect';
export { planSync, compareTypes, type SyncPlan, type SyncStep, type Drift, type IndexSpec } from './sync-plan';
export { syncSchema, describeStep, SchemaSyncError, type SyncLogger } from './sync-apply';
export { fromColumn } from './values';
export { addDays, addMonths, daysBetween, formatDate, formatDatetime, formatTime } from './timestamps';
