/**
 * Typed errors shared by every layer. Each carries Frappe's `exc_type`, the HTTP status Frappe maps it
 * to, and field-level detail so that an API client (or a form) can point at the offending field.
 */

export interface FieldErrorDetail {
  fieldname?: string;
  /** 1-based row index when the problem is in a child table row. */
  idx?: number;
  /** Child table fieldname (e.g. `items`) when `idx` is set. */
  parentfield?: string;
  /** 1-based position of the document in a bulk insert or import. */
  row?: number;
  message: string;
}

export class TabulaError extends Error {
  readonly excType: string = 'Exception';
  readonly httpStatus: number = 500;
  readonly errors: FieldErrorDetail[];

  constructor(message: string, errors: FieldErrorDetail[] = []) {
    super(message);
    this.name = new.target.name;
    this.errors = errors;
  }

  toJSON(): Record<string, unknown> {
    return { exc_type: this.excType, message: this.message, errors: this.errors };
  }
}

/** Builds a subclass with a fixed exc_type and status, so the table below stays declarative. */
function errorKind(excType: string, httpStatus: number, base: typeof TabulaError = TabulaError) {
  return class extends base {
    override readonly excType = excType;
    override readonly httpStatus = httpStatus;
  };
}

export class ValidationError extends errorKind('ValidationError', 417) {}
export class MandatoryError extends errorKind('MandatoryError', 417, ValidationError) {}
export class LinkValidationError extends errorKind('LinkValidationError', 417, ValidationError) {}
export class CancelledLinkError extends errorKind('CancelledLinkError', 417, LinkValidationError) {}
export class UniqueValidationError extends errorKind('UniqueValidationError', 417, ValidationError) {}
export class CharacterLengthExceededError extends errorKind('CharacterLengthExceededError', 417, ValidationError) {}
export class NonNegativeError extends errorKind('NonNegativeError', 417, ValidationError) {}
export class CannotChangeConstantError extends errorKind('CannotChangeConstantError', 417, ValidationError) {}
export class UpdateAfterSubmitError extends errorKind('UpdateAfterSubmitError', 417, ValidationError) {}
export class DocstatusTransitionError extends errorKind('DocstatusTransitionError', 417, ValidationError) {}
export class TimestampMismatchError extends errorKind('TimestampMismatchError', 417, ValidationError) {}
export class InvalidNameError extends errorKind('InvalidNameError', 417, ValidationError) {}
export class NameError extends errorKind('NameError', 417, ValidationError) {}
export class NestedSetRecursionError extends errorKind('NestedSetRecursionError', 417, ValidationError) {}
export class DataError extends errorKind('DataError', 417, ValidationError) {}
export class PermissionError extends errorKind('PermissionError', 403) {}
export class DoesNotExistError extends errorKind('DoesNotExistError', 404) {}
export class DuplicateEntryError extends errorKind('DuplicateEntryError', 409) {}
export class LinkExistsError extends errorKind('LinkExistsError', 417, ValidationError) {}
export class AuthenticationError extends errorKind('AuthenticationError', 401) {}
export class CSRFTokenError extends errorKind('CSRFTokenError', 400) {}
export class RateLimitExceededError extends errorKind('RateLimitExceededError', 429) {}
export class QueryTimeoutError extends errorKind('QueryTimeoutError', 417, ValidationError) {}

/** A DocType definition that cannot be loaded; `file` is the JSON path it came from. */
export class MetaError extends TabulaError {
  override readonly excType = 'MetaError';
  readonly problems: MetaProblem[];
  constructor(problems: MetaProblem[]) {
    super(
      `${problems.length} problem(s) in DocType definitions:\n` +
        problems.map((p) => '  ' + formatMetaProblem(p)).join('\n'),
    );
    this.problems = problems;
  }
}

/** Report modules that cannot be loaded (a duplicate name, an unknown DocType, a bad declaration). */
export class ReportDefinitionError extends TabulaError {
  override readonly excType = 'ReportDefinitionError';
  readonly problems: MetaProblem[];
  constructor(problems: MetaProblem[]) {
    super(`${problems.length} problem(s) in report definitions:\n` + problems.map((p) => '  ' + formatMetaProblem(p)).join('\n'));
    this.problems = problems;
  }
}

export interface MetaProblem {
  file: string;
  doctype?: string;
  /** JSON path inside the file, e.g. `fields[3].fieldtype`. */
  field?: string;
  message: string;
  severity: 'error' | 'warning';
}

/**
 * One line per problem, whatever its message holds: a JSON parse error quotes the file around the
 * mistake, newlines included, which would otherwise split the problem over several lines.
 */
export function formatMetaProblem(p: MetaProblem): string {
  const where = [p.file, p.field].filter(Boolean).join(' → ');
  return `${p.severity === 'warning' ? 'warning' : 'error'}: ${where}: ${p.message.replace(/\s*\n\s*/g, ' ')}`;
}
