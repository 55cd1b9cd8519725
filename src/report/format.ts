/**
 * Text for reports: escaping for XML/HTML and Markdown, and numbers formatted the same
 * way on every machine, never as "NaN": in English by hand ("27,370"), in the other
 * report languages by `Intl.NumberFormat` for that language ("27.370" in Danish, "27 370"
 * with a no-break space in Swedish and Bokmål), always with a true minus sign.
 */
import { LOCALE_TAGS, activeLocale, t } from './locale/index.js';

const intlCache = new Map<string, Intl.NumberFormat>();
function intl(options: Intl.NumberFormatOptions & { readonly key: string }): Intl.NumberFormat {
  const tag = LOCALE_TAGS[activeLocale()];
  const key = `${tag}|${options.key}`;
  let f = intlCache.get(key);
  if (f === undefined) {
    const { key: _k, ...rest } = options;
    void _k;
    f = new Intl.NumberFormat(tag, rest);
    intlCache.set(key, f);
  }
  return f;
}

/** |x| by Intl with `decimals` decimals (and the same grouping as the language's own). */
function intlAbs(x: number, decimals: number): string {
  return intl({ key: `f${decimals}`, minimumFractionDigits: decimals, maximumFractionDigits: decimals, useGrouping: true }).format(Math.abs(x));
}

/** Characters XML 1.0 forbids, and lone surrogates: replaced so an SVG file stays well formed. */
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const XML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for XML and HTML content and attribute values. */
export function escapeXml(text: string): string {
  return String(text)
    .replace(INVALID_XML, '\uFFFD')
    .replace(/[&<>"']/g, (c) => XML_ENTITIES[c]!);
}

/**
 * Escapes text for Markdown (CommonMark + GFM tables): the characters that start inline
 * markup, HTML or entities, or end a table cell are backslash-escaped, and line breaks
 * become spaces, so a name like `<script>` or `a|b` shows as written.
 */
export function escapeMarkdown(text: string): string {
  return String(text)
    .replace(INVALID_XML, '\uFFFD')
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[\\`*_[\]<>|&~]/g, (c) => `\\${c}`);
}

/** The minus sign used in running text and charts (U+2212), not a hyphen. */
export const MINUS = '\u2212';
/** A no-break space: keeps an amount and its unit on one line ("618 kr"). */
export const NBSP = '\u00a0';

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * A number with a fixed count of decimals, thousands grouped with commas, a true minus
 * sign, and no "−0". Anything that is not a finite number reads "n/a".
 *
 * @example
 * formatNumber(-27318.4, 0); // "−27,318"
 * formatNumber(null, 1);     // "n/a"
 */
export function formatNumber(x: number | null | undefined, decimals: number): string {
  if (typeof x !== 'number' || !Number.isFinite(x)) return 'n/a';
  const d = Math.max(0, Math.min(20, Math.floor(decimals)));
  const fixed = Math.abs(x).toFixed(d);
  if (!/^\d+(\.\d+)?$/.test(fixed)) return 'n/a'; // 1e21 and above: toFixed writes an exponent
  if (activeLocale() !== 'en') {
    const isZeroL = /^[0.]+$/.test(fixed);
    const body = intlAbs(x, d);
    return x < 0 && !isZeroL ? `${MINUS}${body}` : body;
  }
  const [whole, fraction] = fixed.split('.');
  const body = fraction === undefined ? group(whole!) : `${group(whole!)}.${fraction}`;
  const isZero = /^[0.]+$/.test(fixed);
  return x < 0 && !isZero ? `${MINUS}${body}` : body;
}

/** Decimals that suit a value of this size: 0 from 100 up, 1 from 1, else 2. */
export function decimalsFor(...values: ReadonlyArray<number | null | undefined>): number {
  let largest = 0;
  for (const v of values) if (typeof v === 'number' && Number.isFinite(v)) largest = Math.max(largest, Math.abs(v));
  if (largest >= 100) return 0;
  if (largest >= 1) return 1;
  return 2;
}

/** A quantity formatted with decimals that suit its size. */
export function formatQuantity(x: number | null | undefined): string {
  return formatNumber(x, decimalsFor(x));
}

/** Currencies written before the amount ("$1,200"); every other label follows it ("1,200 kr"). */
function currencyFirst(currency: string): boolean {
  return /^(?:[$£€¥]|[A-Z]{1,2}\$)$/.test(currency);
}

/** Money: whole units from 100 up, cents below, with the currency label. */
export function formatMoney(x: number | null | undefined, currency: string, decimals: number = moneyDecimals(x)): string {
  const n = formatNumber(x, decimals);
  if (n === 'n/a' || currency === '') return n;
  if (currencyFirst(currency)) return n.startsWith(MINUS) ? `${MINUS}${currency}${n.slice(1)}` : `${currency}${n}`;
  return `${n}${NBSP}${currency}`;
}

/** The 95% interval of a summary, row or break-even result as a pair; null when it has none. */
export function ci95Of(s: { readonly ci95Low: number | null; readonly ci95High: number | null } | undefined): readonly [number, number] | null {
  return s === undefined || s.ci95Low === null || s.ci95High === null ? null : [s.ci95Low, s.ci95High];
}

/**
 * An interval "a–b" (or "a to b" when either end is negative, so the dash is not read as
 * a minus), both ends with the same decimals; "n/a" when it is missing.
 */
export function formatInterval(
  interval: readonly [number, number] | null | undefined,
  decimals: number,
  currency?: string,
): string {
  if (interval === null || interval === undefined) return 'n/a';
  const [a, b] = interval;
  const fa = formatNumber(a, decimals);
  const fb = formatNumber(b, decimals);
  if (fa === 'n/a' || fb === 'n/a') return 'n/a';
  const joiner = fa.startsWith(MINUS) || fb.startsWith(MINUS) ? ` ${t().to} ` : '\u2013';
  if (currency === undefined || currency === '') return `${fa}${joiner}${fb}`;
  if (currencyFirst(currency)) return `${formatMoney(a, currency, decimals)}${joiner}${formatMoney(b, currency, decimals)}`;
  return `${fa}${joiner}${fb}${NBSP}${currency}`;
}

/**
 * The rounding step an estimate's uncertainty supports: two significant digits of its
 * 95% CI half-width (half-width 1,146 → steps of 100; 21.1 → steps of 1; 0.34 → 0.01).
 * Without an interval (one replicate) or with a zero-width one: null (round as usual).
 */
export function supportedStep(ci: readonly [number, number] | null): number | null {
  if (ci === null) return null;
  const half = Math.abs(ci[1] - ci[0]) / 2;
  if (!(half > 0) || !Number.isFinite(half)) return null;
  return 10 ** (Math.floor(Math.log10(half)) - 1);
}

/**
 * An estimate and its 95% CI rounded to what the uncertainty supports
 * ({@link supportedStep}), never finer than `decimals`: "29,200 (95% CI 28,100–30,400)"
 * rather than "29,218 (28,072–30,364)".
 */
export function roundedEstimate(mean: number, ci: readonly [number, number] | null, decimals: number): { readonly mean: number; readonly ci: readonly [number, number] | null; readonly decimals: number } {
  const step = supportedStep(ci);
  if (step === null || step < 10 ** -decimals) return { mean, ci, decimals };
  const round = (x: number) => multipleOfStep(Math.round(x / step), step);
  const d = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return { mean: round(mean), ci: ci === null ? null : [round(ci[0]), round(ci[1])], decimals: Math.min(decimals, d) };
}

/** k · step without binary noise (0.1 × 3 = 0.3, not 0.30000000000000004). */
function multipleOfStep(k: number, step: number): number {
  return step < 1 ? k / Math.round(1 / step) : k * step;
}

/** Decimals for money: whole units unless every value is below 100. */
export function moneyDecimals(...values: ReadonlyArray<number | null | undefined>): number {
  return decimalsFor(...values) === 0 ? 0 : 2;
}

/** A share in [0, 1] as a percentage: "96.0%". */
export function formatPercent(p: number | null | undefined, decimals = 1): string {
  if (typeof p !== 'number' || !Number.isFinite(p)) return 'n/a';
  // Other languages: "96,0 %", a no-break space before the sign, as Intl writes it.
  if (activeLocale() !== 'en') return `${formatNumber(p * 100, decimals)}${NBSP}%`;
  return `${formatNumber(p * 100, decimals)}%`;
}

/** Shortens a label for a chart to at most `max` characters, ending in "…". */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, Math.max(1, max - 1)).join('')}\u2026`;
}

/** A coordinate for SVG: two decimals at most, no "−0", never NaN (0 stands in). */
export function coord(x: number): string {
  if (!Number.isFinite(x)) return '0';
  const r = Math.round(x * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

/**
 * A parameter's value as written by a person: at most 6 significant digits, no trailing
 * zeros, thousands grouped ("0.2", "5,000", "0.025").
 */
export function formatValue(x: number | null | undefined): string {
  if (typeof x !== 'number' || !Number.isFinite(x)) return 'n/a';
  const plain = String(Number(Math.abs(x).toPrecision(6)));
  if (plain.includes('e')) return x < 0 ? `${MINUS}${plain}` : plain;
  const [whole, fraction] = plain.split('.');
  if (activeLocale() !== 'en') {
    const localised = intlAbs(Number(plain), fraction?.length ?? 0);
    return x < 0 && plain !== '0' ? `${MINUS}${localised}` : localised;
  }
  const body = fraction === undefined ? group(whole!) : `${group(whole!)}.${fraction}`;
  return x < 0 && plain !== '0' ? `${MINUS}${body}` : body;
}
