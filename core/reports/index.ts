export { defineReport } from './define';
export { filtersWithDefaultsOn } from './defaults';
export { ReportRegistry } from './registry';
export { runReport, assertCanRun, type ReportEnvironment, type ReportRun } from './run';
export { createReportRunner, type ReportRunner } from './runner';
export { totalRow } from './totals';
export type * from './types';
