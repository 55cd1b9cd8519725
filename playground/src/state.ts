/**
 * The page's state in the URL's hash, so a link reproduces the view: the scenario (a
 * bundled one by name, or a loaded file's text), the values changed, and the policy shown.
 *
 *   #scenario=phone-shop&policy=free+repair&set.economics.margin=900&set.policies%5B0%5D.fee=250
 *   #file=my-shop.yaml&text=<the file, UTF-8, base64url>&set.economics.retention=0.7
 *
 * No DOM here: the tests run it in Node.
 */
import type { Overrides } from './model.js';

export interface PageState {
  /** A bundled scenario's name (examples/scenarios/NAME.yaml), or null for a loaded file. */
  readonly scenario: string | null;
  /** A loaded file: its name and text (absent for a bundled scenario). */
  readonly file?: { readonly name: string; readonly text: string };
  readonly overrides: Overrides;
  /** The policy the headline shows against the baseline (absent: the first). */
  readonly policy?: string;
}

/** Longest loaded file kept in a link (characters of its text); a longer one is left out of the link, and the page says so. */
export const MAX_LINKED_FILE = 30_000;

const PREFIX = 'set.';

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(data: string): string | undefined {
  try {
    const binary = atob(data.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** The hash for a state (with the leading #); a loaded file too long for a link is left out. */
export function encodeState(state: PageState): string {
  const params = new URLSearchParams();
  if (state.scenario !== null) params.set('scenario', state.scenario);
  else if (state.file !== undefined) {
    params.set('file', state.file.name);
    if (state.file.text.length <= MAX_LINKED_FILE) params.set('text', toBase64Url(state.file.text));
  }
  if (state.policy !== undefined) params.set('policy', state.policy);
  for (const [key, value] of Object.entries(state.overrides)) {
    // A number as a number ("900"); a text typed where a number belongs keeps its quotes, so it stays text.
    params.set(`${PREFIX}${key}`, typeof value === 'number' ? String(value) : JSON.stringify(value));
  }
  return `#${params.toString()}`;
}

/** The state a hash describes; anything it does not say is left out (the page's defaults apply). */
export function decodeState(hash: string): PageState & { readonly fileMissing?: boolean } {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const overrides: Record<string, number | string> = {};
  for (const [key, raw] of params) {
    if (!key.startsWith(PREFIX)) continue;
    const path = key.slice(PREFIX.length);
    if (path === '' || /(^|\.)(__proto__|constructor|prototype)(\.|\[|$)/.test(path)) continue;
    let value: number | string = raw;
    if (raw.startsWith('"')) {
      try {
        const parsed: unknown = JSON.parse(raw);
        if (typeof parsed === 'string') value = parsed;
      } catch {
        value = raw;
      }
    } else if (raw.trim() !== '' && Number.isFinite(Number(raw))) value = Number(raw);
    overrides[path] = value;
  }
  const policy = params.get('policy') ?? undefined;
  const scenario = params.get('scenario');
  const fileName = params.get('file');
  const base = { overrides, ...(policy === undefined ? {} : { policy }) };
  if (scenario !== null) return { scenario, ...base };
  if (fileName !== null) {
    const data = params.get('text');
    const text = data === null ? undefined : fromBase64Url(data);
    return text === undefined ? { scenario: null, ...base, fileMissing: true } : { scenario: null, file: { name: fileName, text }, ...base };
  }
  return { scenario: null, ...base };
}

/** A number box's text as a value: a finite number, or the text as typed, for the check to name (never NaN). */
export function typedValue(text: string): number | string {
  const t = text.trim();
  const x = Number(t);
  return t !== '' && Number.isFinite(x) ? x : t;
}
