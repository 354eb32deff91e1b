/** Collects field problems of several kinds and throws them as one typed error, nothing written. */
import { ValidationError, type FieldErrorDetail } from '../errors';

type ErrorClass = new (message: string, errors: FieldErrorDetail[]) => ValidationError;

export class Problems {
  private readonly list: { kind: ErrorClass; detail: FieldErrorDetail }[] = [];

  add(kind: ErrorClass, detail: FieldErrorDetail): void {
    this.list.push({ kind, detail });
  }
  addAll(kind: ErrorClass, details: FieldErrorDetail[]): void {
    for (const detail of details) this.add(kind, detail);
  }
  get empty(): boolean {
    return this.list.length === 0;
  }
  /** Throws the first problem's error class, carrying every problem's detail. */
  throwIfAny(): void {
    const first = this.list[0];
    if (!first) return;
    const details = this.list.map((p) => p.detail);
    throw new first.kind(details.map((d) => d.message).join('; '), details);
  }
}
