/**
 * Grid rows as plain data: add, delete, move, always renumbering `idx` from 1 (Frappe's rule) and
 * never mutating the list given. Each row carries a non-enumerable `__key` so Vue keeps its DOM while
 * rows move, without that key ever reaching the server or the unsaved-changes comparison.
 */
export type Row = Record<string, unknown>;

let nextKey = 1;

export function keyOf(row: Row): number {
  const existing = (row as { __key?: number }).__key;
  if (existing !== undefined) return existing;
  const key = nextKey++;
  Object.defineProperty(row, '__key', { value: key, enumerable: false, configurable: true });
  return key;
}

function keep(row: Row, from: Row): Row {
  Object.defineProperty(row, '__key', { value: keyOf(from), enumerable: false, configurable: true });
  return row;
}

export function renumber(rows: readonly Row[]): Row[] {
  return rows.map((row, i) => (row.idx === i + 1 ? row : keep({ ...row, idx: i + 1 }, row)));
}

export function addRow(rows: readonly Row[], values: Row): Row[] {
  return renumber([...rows, { ...values }]);
}

export function removeRow(rows: readonly Row[], index: number): Row[] {
  return renumber(rows.filter((_, i) => i !== index));
}

export function moveRow(rows: readonly Row[], index: number, by: -1 | 1): Row[] {
  const to = index + by;
  if (to < 0 || to >= rows.length) return [...rows];
  const list = [...rows];
  [list[index], list[to]] = [list[to]!, list[index]!];
  return renumber(list);
}

export function setCell(rows: readonly Row[], index: number, fieldname: string, value: unknown): Row[] {
  return rows.map((row, i) => (i === index ? keep({ ...row, [fieldname]: value }, row) : row));
}
