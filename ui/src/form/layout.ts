/**
 * The form's shape from the field order, as Frappe's layout.js builds it: a Tab Break starts a tab, a
 * Section Break a section, a Column Break an equal-width column. Fields before the first section go
 * into an unlabelled one; a tabbed form that does not start with a tab gets a "Details" tab first.
 * Fold is treated as a section break (the rest of the form simply follows).
 */
import type { FieldJson } from '../controls/types';

export interface LayoutSection {
  key: string;
  /** The Section Break itself (label, collapsible, depends_on); none for the implicit first section. */
  field?: FieldJson;
  columns: FieldJson[][];
}

export interface LayoutTab {
  key: string;
  label: string;
  field?: FieldJson;
  sections: LayoutSection[];
}

export function buildLayout(fields: readonly FieldJson[]): LayoutTab[] {
  const tabs: LayoutTab[] = [];
  let tab: LayoutTab | undefined;
  let section: LayoutSection | undefined;

  const newTab = (field?: FieldJson): LayoutTab => {
    tab = { key: field?.fieldname ?? '__details', label: field?.label || 'Details', field, sections: [] };
    tabs.push(tab);
    section = undefined;
    return tab;
  };
  const newSection = (field?: FieldJson): LayoutSection => {
    // The tab first: starting one resets the current section.
    const into = tab ?? newTab();
    // No column yet: as in Frappe, a Column Break opening a section starts its first column.
    const started: LayoutSection = { key: field?.fieldname ?? `__section${into.sections.length}`, field, columns: [] };
    into.sections.push(started);
    section = started;
    return started;
  };

  for (const field of fields) {
    if (field.fieldtype === 'Tab Break') newTab(field);
    else if (field.fieldtype === 'Section Break' || field.fieldtype === 'Fold') newSection(field.fieldtype === 'Fold' ? undefined : field);
    else if (field.fieldtype === 'Column Break') (section ?? newSection()).columns.push([]);
    else {
      const into = section ?? newSection();
      if (into.columns.length === 0) into.columns.push([]);
      into.columns.at(-1)!.push(field);
    }
  }

  // Empty columns (two Column Breaks in a row) keep their width, as in Frappe; sections and tabs
  // with no field at all are dropped.
  for (const t of tabs) t.sections = t.sections.filter((s) => s.columns.some((c) => c.length));
  return tabs.filter((t) => t.sections.length);
}

/** The fields a section holds, flattened: to know whether any is visible or has an error. */
export const fieldsOf = (section: LayoutSection): FieldJson[] => section.columns.flat();
