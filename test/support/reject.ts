/** Awaits a promise that must reject with a TabulaError of `kind`; answers the error for further checks. */
import { expect } from 'chai';
import type { TabulaError } from '../../core/errors';

export async function rejectsWith<E extends TabulaError>(
  promise: Promise<unknown>,
  kind: abstract new (...args: never[]) => E,
  options: { exact?: boolean } = {},
): Promise<E> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected ${kind.name}, but nothing was thrown`).to.not.equal(undefined);
  // exact: the class itself, not a subclass (a CancelledLinkError is not a plain LinkValidationError).
  if (!(caught instanceof kind) || (options.exact && (caught as Error).name !== kind.name)) {
    const detail = caught instanceof Error ? `${caught.name}: ${caught.message}` : String(caught);
    expect.fail(`expected ${kind.name}, got ${detail}`);
  }
  return caught;
}
