/**
 * A report page's state: the declarations, the filter values (mirrored in the URL query), the
 * latest run and its errors. Filter changes re-run the report after a pause (typing in a number
 * box is one run, not one per key); only the answer to the latest request is shown.
 */
import { ref, shallowRef, watch, type Ref } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { ApiError } from '../api/client';
import { debounce } from '../controls/linkSearch';
import { getScript, runReport, type FilterValues } from './api';
import { missingRequired, queryFromValues, sameValues, serverFilters, valuesFromQuery } from './filters';
import type { ReportRun, ReportScript } from './types';

export const RUN_DELAY_MS = 300;

export function useReport(reportName: Ref<string>) {
  const route = useRoute();
  const router = useRouter();
  const script = ref<ReportScript | null>(null);
  const values = ref<FilterValues>({});
  // Shallow: a run can hold 100k rows, which must never be made deeply reactive.
  const run = shallowRef<ReportRun | null>(null);
  const loading = ref(false);
  const error = ref('');
  const fieldErrors = ref<Record<string, string>>({});
  let ticket = 0;

  async function execute(): Promise<void> {
    const defs = script.value?.filters ?? [];
    const mine = ++ticket;
    const missing = missingRequired(defs, values.value);
    if (missing.length) {
      fieldErrors.value = Object.fromEntries(missing.map((f) => [f, 'Required']));
      error.value = 'Set the required filters to run this report.';
      run.value = null;
      loading.value = false;
      return;
    }
    loading.value = true;
    try {
      const answer = await runReport(reportName.value, serverFilters(defs, values.value));
      if (mine !== ticket) return;
      run.value = answer;
      error.value = '';
      fieldErrors.value = {};
    } catch (caught) {
      if (mine !== ticket) return;
      run.value = null;
      const known = new Set(defs.map((d) => d.fieldname));
      const apiErrors = caught instanceof ApiError ? caught.errors.filter((e) => e.fieldname && known.has(e.fieldname)) : [];
      fieldErrors.value = Object.fromEntries(apiErrors.map((e) => [e.fieldname!, e.message]));
      error.value = apiErrors.length ? 'Check the highlighted filters.' : caught instanceof Error ? caught.message : String(caught);
    } finally {
      if (mine === ticket) loading.value = false;
    }
  }

  const scheduleRun = debounce(() => void execute(), RUN_DELAY_MS);

  async function load(): Promise<void> {
    script.value = null;
    run.value = null;
    error.value = '';
    fieldErrors.value = {};
    scheduleRun.cancel();
    const name = reportName.value;
    try {
      const loaded = await getScript(name);
      if (name !== reportName.value) return;
      script.value = loaded;
      values.value = valuesFromQuery(loaded.filters, route.query);
      await execute();
    } catch (caught) {
      error.value = caught instanceof Error ? caught.message : String(caught);
    }
  }

  /** One filter changed in the bar: the URL follows (replace, so Back leaves the report) and a run is scheduled. */
  function setFilter(fieldname: string, value: unknown): void {
    values.value = { ...values.value, [fieldname]: value };
    const { [fieldname]: _dropped, ...others } = fieldErrors.value;
    fieldErrors.value = others;
    if (script.value) void router.replace({ query: queryFromValues(script.value.filters, values.value) });
    loading.value = true;
    scheduleRun();
  }

  // The URL changed by itself (Back, a link to this report with other filters): take its values.
  watch(
    () => route.query,
    (query) => {
      if (!script.value || route.name !== 'report') return;
      const next = valuesFromQuery(script.value.filters, query);
      if (sameValues(next, values.value)) return;
      values.value = next;
      scheduleRun();
    },
  );
  watch(reportName, () => void load(), { immediate: true });

  return { script, values, run, loading, error, fieldErrors, setFilter, refresh: execute, cancel: () => scheduleRun.cancel() };
}
