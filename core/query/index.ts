export { getList, getCount, getGroupByCount, pageOf, DEFAULT_LIMITS, type QueryContext, type ListRequest, type ListLimits, type ListResult } from './list';
export { searchLink, type LinkSearchRequest, type LinkOption } from './search';
export { parseFilters, parseJsonParam, type Condition } from './filters';
export { ReferenceResolver, type FieldRef } from './references';
export { timespanRange, intervalRange, TIMESPANS, INTERVALS } from './dates';
export { applyScope, isUnrestricted } from './scope';
