/**
 * Virtual scrolling with a fixed row height: only the rows in view (plus a few either side) are in
 * the DOM; two spacer rows stand in for the rest, so the scrollbar is the whole result's and a
 * 100k-row run costs the page a few dozen rows.
 */
export interface RowWindow {
  start: number;
  end: number;
  before: number;
  after: number;
}

export const ROW_HEIGHT = 34;
const OVERSCAN = 8;

export function rowWindow(total: number, scrollTop: number, viewport: number, rowHeight = ROW_HEIGHT): RowWindow {
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const start = Math.max(0, Math.min(total, first - OVERSCAN));
  const end = Math.min(total, first + Math.ceil(Math.max(viewport, rowHeight) / rowHeight) + OVERSCAN);
  return { start, end, before: start * rowHeight, after: (total - end) * rowHeight };
}
