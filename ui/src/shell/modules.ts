/**
 * The home page's modules: the boot's DocTypes and reports grouped by their `module`, the CRM app's
 * own modules first (as ERPNext's workspace sidebar puts them), then the rest by name.
 */
import { listPath, reportPath } from '../routes';
import type { BootDocType, BootReport } from '../session';

export interface DeskModule {
  name: string;
  doctypes: BootDocType[];
  reports: BootReport[];
}

const FIRST = ['CRM', 'Selling', 'Setup'];

function rank(module: string): number {
  const at = FIRST.indexOf(module);
  return at === -1 ? FIRST.length : at;
}

export function groupByModule(doctypes: readonly BootDocType[], reports: readonly BootReport[]): DeskModule[] {
  const modules = new Map<string, DeskModule>();
  const moduleOf = (name: string) => {
    const key = name || 'Other';
    let found = modules.get(key);
    if (!found) modules.set(key, (found = { name: key, doctypes: [], reports: [] }));
    return found;
  };
  for (const doctype of doctypes) moduleOf(doctype.module).doctypes.push(doctype);
  for (const report of reports) moduleOf(report.module).reports.push(report);
  return [...modules.values()].sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
}

export interface LinkGroup {
  title: 'DocTypes' | 'Reports';
  links: { label: string; path: string }[];
}

/** A module's card: its DocTypes (to their lists), then its reports; empty groups left out. */
export function linksOf(module: DeskModule): LinkGroup[] {
  const groups: LinkGroup[] = [
    { title: 'DocTypes', links: module.doctypes.map((d) => ({ label: d.name, path: listPath(d.name) })) },
    { title: 'Reports', links: module.reports.map((r) => ({ label: r.name, path: reportPath(r.name) })) },
  ];
  return groups.filter((g) => g.links.length > 0);
}
