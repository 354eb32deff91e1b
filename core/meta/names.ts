/** Frappe's `scrub`: lowercase, spaces and dashes to underscores (file and folder names). */
export function scrub(text: string): string {
  return text.replace(/[ -]/g, '_').toLowerCase();
}

/** The SQL table that stores a DocType. */
export function tableName(doctype: string): string {
  return `tab${doctype}`;
}
