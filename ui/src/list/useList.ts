/**
 * The list page's data, driven by the URL: the meta, then a page of rows for the state the query
 * describes, then (lazily) the total count and the sidebar counts. Changing the state pushes a new
 * URL; the route watcher does the loading, so Back and a pasted link load the same way.
 */
import { computed, ref, shallowRef, watch, type Ref } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { ApiError } from '../api/client';
import { columnsOf, fieldsToFetch } from './columns';
import { fetchCount, fetchGroupCounts, fetchRows, type GroupCount, type Row } from './data';
import { loadListMeta, type ListMeta } from './meta';
import { queryOfState, stateFromQuery, type Filter, type ListState } from './state';

/** Sidebar group-by: the standard filters a person picks one value of (Select and Link fields). */
export function groupByFields(meta: ListMeta): string[] {
  return meta.settings.standard_filters.filter((f) => ['Select', 'Link'].includes(meta.fields.get(f)?.fieldtype ?? ''));
}

export function useList(doctype: Ref<string | undefined>) {
  const route = useRoute();
  const router = useRouter();
  const meta = shallowRef<ListMeta | null>(null);
  const error = ref('');
  const rows = shallowRef<Row[]>([]);
  const loading = ref(false);
  const count = ref<number | null>(null);
  const groups = ref<Record<string, GroupCount[]>>({});
  const selected = ref(new Set<string>());
  let generation = 0;
  /** The filters the count and sidebar were last asked for: paging and sorting do not change them. */
  let countedFilters = '';

  const state = computed<ListState | null>(() => (meta.value ? stateFromQuery(route.query, meta.value) : null));
  const columns = computed(() => (meta.value ? columnsOf(meta.value) : []));

  async function load(force = false): Promise<void> {
    const ticket = ++generation;
    const current = () => ticket === generation;
    const m = meta.value;
    const s = state.value;
    if (!m || !s) return;
    loading.value = true;
    error.value = '';
    try {
      const page = await fetchRows(m.name, fieldsToFetch(m, columns.value), s);
      if (!current()) return;
      rows.value = page;
      selected.value = new Set();
    } catch (e) {
      if (current()) error.value = e instanceof ApiError ? e.message : 'Could not load the list';
      return;
    } finally {
      if (current()) loading.value = false;
    }
    // After the rows: the count and the sidebar, which may be slower on a big table. Old figures
    // are cleared first, so nothing shows counts for filters no longer applied.
    const key = JSON.stringify(s.filters);
    if (!force && key === countedFilters && count.value !== null) return;
    countedFilters = key;
    count.value = null;
    groups.value = {};
    // Answers for filters since replaced are dropped; a page change alone does not drop them.
    const still = () => countedFilters === key && meta.value === m;
    fetchCount(m.name, s.filters).then((n) => still() && (count.value = n), () => undefined);
    loadGroups(m, s.filters, still);
  }

  function loadGroups(m: ListMeta, filters: Filter[], current: () => boolean): void {
    for (const field of groupByFields(m)) {
      // A field's own filter is left out of its counts, so the other values stay in view to switch to.
      const others = filters.filter((f) => f[0] !== field);
      fetchGroupCounts(m.name, field, others).then(
        (counts) => current() && (groups.value = { ...groups.value, [field]: counts }),
        () => undefined,
      );
    }
  }

  watch(
    doctype,
    async (name) => {
      meta.value = null;
      rows.value = [];
      groups.value = {};
      error.value = '';
      if (!name) return;
      try {
        meta.value = await loadListMeta(name);
      } catch (e) {
        error.value = e instanceof ApiError ? e.message : 'Could not load the DocType';
      }
    },
    { immediate: true },
  );
  watch(state, () => void load(), { deep: true });
  const reload = () => load(true);

  async function navigate(next: ListState): Promise<void> {
    if (meta.value) await router.push({ query: queryOfState(next, meta.value) });
  }

  return { meta, state, columns, rows, loading, error, count, groups, selected, navigate, reload };
}
