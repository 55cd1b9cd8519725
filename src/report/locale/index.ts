/**
 * The report's languages: one catalog per language (en, da, sv, nb), each with every key
 * of the English one (the type says so, and a test checks it at run time), and the
 * language a report is being rendered in. Numbers, money and percentages are formatted
 * by `Intl` for that language (see report/format.ts); English keeps hearsay's own format.
 *
 * To add text: add the key to en.ts, then to da.ts, sv.ts and nb.ts (the type checker
 * names the files that lack it).
 */
import { en, type Catalog } from './en.js';
import { da } from './da.js';
import { sv } from './sv.js';
import { nb } from './nb.js';

export type { Catalog } from './en.js';

/** The languages a report can be written in. */
export const LOCALES = ['en', 'da', 'sv', 'nb'] as const;
export type Locale = (typeof LOCALES)[number];

export const CATALOGS: Readonly<Record<Locale, Catalog>> = { en, da, sv, nb };

/** The BCP 47 tag `Intl` formats numbers with, and `<html lang>` carries. */
export const LOCALE_TAGS: Readonly<Record<Locale, string>> = { en: 'en', da: 'da-DK', sv: 'sv-SE', nb: 'nb-NO' };

let current: Locale = 'en';

/** Runs `render` with the report's language set (English when none is given); restores the previous one after. */
export function withLocale<T>(locale: Locale | undefined, render: () => T): T {
  const previous = current;
  current = locale ?? 'en';
  try {
    return render();
  } finally {
    current = previous;
  }
}

/** The language being rendered. */
export const activeLocale = (): Locale => current;

/** The catalog of the language being rendered. */
export const t = (): Catalog => CATALOGS[current];
