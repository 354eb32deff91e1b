/** Field types grouped by what the desk does with them (pure data, usable outside Vue). */

/** Break fields are layout, not controls. */
export const LAYOUT_TYPES: ReadonlySet<string> = new Set(['Section Break', 'Column Break', 'Tab Break', 'Fold']);

/** Types that show something but hold no value of their own (no grid column, no filter). */
export const DISPLAY_ONLY_TYPES: ReadonlySet<string> = new Set(['HTML', 'Heading', 'Button', 'Image']);

export const TABLE_TYPES: ReadonlySet<string> = new Set(['Table', 'Table MultiSelect']);
