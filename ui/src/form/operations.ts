/**
 * What the form's buttons do: load, save (client-side required check first, then the server's own
 * answer), submit, cancel, amend, delete and the controller's actions. Each shows its outcome in the
 * banner and places field errors; navigation is left to the caller through the returned values.
 */
import { ApiError, deleteDoc, getDoc, insertDoc, saveDoc } from '../api/client';
import { session } from '../session';
import { amendedCopy, takeNewDoc } from './amend';
import { asDocRef, cancelDoc, runDocMethod, submitDoc } from './api';
import { defaultsFor } from './defaults';
import { loadMeta } from './meta';
import type { Doc, FormState } from './state';
import { missingRequired } from './validate';

function describe(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

async function guarded<T>(form: FormState, run: () => Promise<T>): Promise<T | undefined> {
  form.state.busy = true;
  try {
    const result = await run();
    return result;
  } catch (error) {
    if (error instanceof ApiError) form.showErrors(error.errors, error.message);
    else form.state.banner = { text: describe(error), tone: 'error' };
    return undefined;
  } finally {
    form.state.busy = false;
  }
}

export async function loadForm(form: FormState, doctype: string, name: string): Promise<void> {
  form.state.loadError = '';
  form.state.banner = null;
  try {
    const meta = await loadMeta(doctype);
    form.state.meta = meta;
    if (name === 'new') {
      const held = takeNewDoc(doctype);
      form.setDoc({ ...defaultsFor(meta.doctype.fields, session.boot?.user ?? ''), ...held, doctype, docstatus: 0 }, true);
    } else {
      form.setDoc(await getDoc(doctype, name), false);
    }
  } catch (error) {
    form.state.loadError = describe(error);
  }
}

/** Saves (inserts when new); answers the saved document, or nothing when it failed. */
export async function saveForm(form: FormState, doctype: string): Promise<Doc | undefined> {
  const { state } = form;
  if (!state.meta || state.busy) return undefined;
  const missing = missingRequired(state.meta, state.doc, form.context.value);
  if (missing.length) {
    form.showErrors(missing, `Missing values required: ${[...new Set(missing.map((e) => e.message.replace(/ is required.*$/, '')))].join(', ')}`);
    return undefined;
  }
  return guarded(form, async () => {
    const saved = state.isNew ? await insertDoc(doctype, state.doc) : await saveDoc(doctype, String(state.doc.name), state.doc);
    form.setDoc(saved, false);
    state.banner = { text: 'Saved', tone: 'success' };
    return saved;
  });
}

export async function submitForm(form: FormState, doctype: string): Promise<void> {
  await guarded(form, async () => {
    form.setDoc(await submitDoc(doctype, form.state.doc), false);
    form.state.banner = { text: 'Submitted', tone: 'success' };
  });
}

export async function cancelForm(form: FormState, doctype: string): Promise<void> {
  await guarded(form, async () => {
    form.setDoc(await cancelDoc(doctype, String(form.state.doc.name)), false);
    form.state.banner = { text: 'Cancelled', tone: 'success' };
  });
}

/** The copy to open as a new form (fields marked no_copy are left out). */
export function amendment(form: FormState): Doc {
  const noCopy = new Set((form.state.meta?.doctype.fields ?? []).filter((f) => f.no_copy).map((f) => f.fieldname));
  return amendedCopy(form.state.doc, noCopy);
}

export async function deleteForm(form: FormState, doctype: string): Promise<boolean> {
  const done = await guarded(form, async () => {
    await deleteDoc(doctype, String(form.state.doc.name));
    return true;
  });
  return done === true;
}

/** Runs a controller action; answers the document it returned (to open), if any. */
export async function runAction(form: FormState, doctype: string, method: string, label: string): Promise<{ doctype: string; name: string } | undefined> {
  return guarded(form, async () => {
    const answer = await runDocMethod(doctype, String(form.state.doc.name), method);
    const ref = asDocRef(answer);
    if (!ref || (ref.doctype === doctype && ref.name === String(form.state.doc.name))) {
      form.setDoc(await getDoc(doctype, String(form.state.doc.name)), false);
      form.state.banner = { text: `${label}: done`, tone: 'success' };
      return undefined;
    }
    return ref;
  });
}
