/**
 * Extra pages a DocType's form links to from its header, registered by the feature that owns the
 * page (the customer profile: `registerFormLink('Customer', { label: 'Customer Profile', to: ... })`).
 * Shown for saved documents only.
 */
export interface FormLink {
  label: string;
  to(name: string): string;
}

const links = new Map<string, FormLink[]>();

export function registerFormLink(doctype: string, link: FormLink): void {
  links.set(doctype, [...(links.get(doctype) ?? []), link]);
}

export function formLinksFor(doctype: string, name: string | null): { label: string; to: string }[] {
  if (!name) return [];
  return (links.get(doctype) ?? []).map((l) => ({ label: l.label, to: l.to(name) }));
}
