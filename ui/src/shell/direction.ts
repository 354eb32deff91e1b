/**
 * The page's language and writing direction: `<html lang dir>` follow the user's language so the
 * browser, screen readers and our CSS logical properties lay the desk out right-to-left for Arabic,
 * Persian, Hebrew and Urdu.
 */
const RTL_LANGUAGES = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'ku', 'sd', 'yi']);

export function isRtl(lang: string): boolean {
  // Region and script subtags (`ar-EG`, `fa_IR`) do not change the direction.
  return RTL_LANGUAGES.has(lang.toLowerCase().split(/[-_]/)[0] ?? '');
}

export function applyLanguage(lang: string | undefined): void {
  const code = lang || 'en';
  document.documentElement.lang = code;
  document.documentElement.dir = isRtl(code) ? 'rtl' : 'ltr';
}
