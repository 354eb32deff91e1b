/** The HTML input type for the text-like field types (Data's options name its variant, as in Frappe). */
export function inputTypeOf(fieldtype: string, options: string | undefined): string {
  if (fieldtype === 'Password') return 'password';
  if (fieldtype === 'Phone') return 'tel';
  if (fieldtype === 'Data') {
    const variant = (options ?? '').trim();
    if (variant === 'Email') return 'email';
    if (variant === 'Phone') return 'tel';
    if (variant === 'URL') return 'url';
  }
  return 'text';
}

/** Attach fields hold a file URL here (there is no file store yet): say so under the input. */
export function noteOf(fieldtype: string): string | undefined {
  if (fieldtype === 'Attach' || fieldtype === 'Attach Image') return 'The file’s URL';
  return undefined;
}

export const textOf = (value: unknown): string => (value === null || value === undefined ? '' : String(value));
