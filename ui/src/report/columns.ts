/**
 * The column picker's settings: which columns show, in what order and how wide. Saved in the
 * browser's localStorage under a key naming the user and the report, so two people sharing a browser
 * keep their own layouts. (Server-side user settings, so a layout follows the user across browsers,
 * are a later step; this module is the one place to change when they come.)
 *
 * Settings are kept by fieldname, not position: a run may answer other columns (a grouped view), and
 * columns the settings do not know keep their declared place after the known ones.
 */
import type { ReportColumnDef } from './types';

export interface ColumnSettings {
  order: string[];
  hidden: string[];
  widths: Record<string, number>;
}

export const MIN_WIDTH = 60;
export const MAX_WIDTH = 600;
const DEFAULT_WIDTH = 120;

export const emptySettings = (): ColumnSettings => ({ order: [], hidden: [], widths: {} });

export function storageKey(user: string, report: string): string {
  return `tabula:report-columns:${user}:${report}`;
}

export function loadSettings(user: string, report: string): ColumnSettings {
  try {
    const raw = localStorage.getItem(storageKey(user, report));
    if (!raw) return emptySettings();
    const parsed = JSON.parse(raw) as Partial<ColumnSettings>;
    return {
      order: Array.isArray(parsed.order) ? parsed.order.filter((f) => typeof f === 'string') : [],
      hidden: Array.isArray(parsed.hidden) ? parsed.hidden.filter((f) => typeof f === 'string') : [],
      widths: parsed.widths && typeof parsed.widths === 'object' ? parsed.widths : {},
    };
  } catch {
    // A hand-edited or old entry must not break the report: start from the declared layout.
    return emptySettings();
  }
}

export function saveSettings(user: string, report: string, settings: ColumnSettings): void {
  try {
    localStorage.setItem(storageKey(user, report), JSON.stringify(settings));
  } catch {
    // Storage full or disabled (private mode): the layout lasts for this page only.
  }
}

export function clampWidth(width: number): number {
  return Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width)));
}

export function widthOf(column: ReportColumnDef, settings: ColumnSettings): number {
  return clampWidth(settings.widths[column.fieldname] ?? column.width ?? DEFAULT_WIDTH);
}

/** Every column of the run in the user's order (known ones first, in saved order; new ones after). */
export function orderedColumns(columns: readonly ReportColumnDef[], settings: ColumnSettings): ReportColumnDef[] {
  const rank = new Map(settings.order.map((f, i) => [f, i]));
  return columns
    .map((column, i) => ({ column, key: rank.get(column.fieldname) ?? settings.order.length + i }))
    .sort((a, b) => a.key - b.key)
    .map((entry) => entry.column);
}

export function visibleColumns(columns: readonly ReportColumnDef[], settings: ColumnSettings): ReportColumnDef[] {
  const hidden = new Set(settings.hidden);
  return orderedColumns(columns, settings).filter((c) => !hidden.has(c.fieldname));
}

/** Moves a column one place up (-1) or down (+1) among all columns; returns new settings. */
export function moveColumn(columns: readonly ReportColumnDef[], settings: ColumnSettings, fieldname: string, by: -1 | 1): ColumnSettings {
  const order = orderedColumns(columns, settings).map((c) => c.fieldname);
  const from = order.indexOf(fieldname);
  const to = from + by;
  if (from < 0 || to < 0 || to >= order.length) return settings;
  [order[from], order[to]] = [order[to]!, order[from]!];
  return { ...settings, order };
}

export function setHidden(settings: ColumnSettings, fieldname: string, hidden: boolean): ColumnSettings {
  const rest = settings.hidden.filter((f) => f !== fieldname);
  return { ...settings, hidden: hidden ? [...rest, fieldname] : rest };
}

export function setWidth(settings: ColumnSettings, fieldname: string, width: number): ColumnSettings {
  return { ...settings, widths: { ...settings.widths, [fieldname]: clampWidth(width) } };
}
