/**
 * Fingerprints of runs: everything that determines a run's numbers except the seed and
 * the replicate range, hashed, so partial results of one run can be recognised.
 */
import { keyOf, type Network } from '../network/types.js';

/** FNV-1a over 32-bit words, two lanes for 64 bits, as 16 hex digits. */
class Hasher {
  #a = 0x811c9dc5;
  #b = 0xcbf29ce4;
  word(x: number): void {
    this.#a = Math.imul(this.#a ^ (x & 0xffff), 0x01000193);
    this.#a = Math.imul(this.#a ^ (x >>> 16), 0x01000193);
    this.#b = Math.imul(this.#b ^ (x >>> 16), 0x01000193);
    this.#b = Math.imul(this.#b ^ (x & 0xffff), 0x01000193);
  }
  words(xs: ArrayLike<number>): void {
    this.word(xs.length);
    for (let i = 0; i < xs.length; i++) this.word(xs[i]!);
  }
  text(s: string): void {
    this.word(s.length);
    for (let i = 0; i < s.length; i++) this.word(s.charCodeAt(i));
  }
  hex(): string {
    return (this.#a >>> 0).toString(16).padStart(8, '0') + (this.#b >>> 0).toString(16).padStart(8, '0');
  }
}

/** JSON with sorted keys, so equal specs give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * A fingerprint of everything that determines a run's numbers except the seed and the
 * replicate range: the network (ties, trust, roles, segments, ids) and the kernel spec.
 * Partial results merge only when their fingerprints and seeds agree.
 */
export function runFingerprint(network: Network, spec: unknown): string {
  const h = new Hasher();
  h.word(network.size);
  h.word(network.directed ? 1 : 0);
  h.words(network.offsets);
  h.words(network.neighbors);
  h.words(new Int32Array(network.trust.buffer, network.trust.byteOffset, network.trust.length));
  h.words(network.role);
  h.words(network.segment);
  for (const name of network.segmentNames) h.text(name);
  if (network.keys !== null) for (let i = 0; i < network.size; i++) h.text(keyOf(network, i));
  h.text(canonicalJson(spec));
  return h.hex();
}

/** A fingerprint of texts (a scenario as canonical JSON, the network files it read), in order. */
export function textFingerprint(texts: readonly string[]): string {
  const h = new Hasher();
  h.word(texts.length);
  for (const t of texts) h.text(t);
  return h.hex();
}
