/** `defineReport`: a report module's default export, typed so that `execute` sees its filters typed. */
import type { ReportDefinition, ReportFilter } from './types';

export function defineReport<const D extends readonly ReportFilter[]>(definition: ReportDefinition<D>): ReportDefinition<D> {
  return definition;
}
