/** Every template exists in English; any other locale may translate some or all of them. */
export const FALLBACK_LOCALE = 'en';

function languageOf(locale: string): string {
  return locale.split('-')[0].toLowerCase();
}

function canonicalLocale(locale: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(locale.replace(/_/g, '-'))[0];
  } catch {
    return undefined;
  }
}

/** The template locales to try for a requested one, most specific first, English last. */
export function localeCandidates(requested: string): string[] {
  const canonical = canonicalLocale(requested);
  const candidates = canonical ? [canonical, languageOf(canonical)] : [];
  return [...new Set([...candidates, FALLBACK_LOCALE])];
}

/**
 * The locale dates are written in. The reader's regional format (en-GB, en-US) whenever the text
 * is in their language; when the text falls back to English, so do the dates, so a message never
 * mixes two languages.
 */
export function formatLocaleFor(requested: string, templateLocale: string): string {
  const canonical = canonicalLocale(requested);
  return canonical && languageOf(canonical) === languageOf(templateLocale) ? canonical : templateLocale;
}
