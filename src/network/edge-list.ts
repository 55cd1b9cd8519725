/**
 * Edge lists: the plain-text way networks arrive from spreadsheets, exports and other
 * tools. One tie per line, `source target` or `source target trust`, comma- or
 * whitespace-separated. Reading ends in {@link compileNetwork}, so self-loops and repeated
 * ties follow the same rules as every other way of making a network, and its messages
 * name the line.
 *
 * The reader scans the text once by character codes (no regular expression or split per
 * line). Ids written as plain decimal integers are looked up in a typed table indexed by
 * value, other ids in a hash table over the characters in place (no string per line), so
 * a Barabási–Albert list of 1,000,000 people and 5,000,000 ties (65 MB) is read in about
 * 0.8 s, a quarter of it in compileNetwork (bench/edge-list.bench.mjs).
 */
import { EdgeListParseError, GraphStructureError, InvalidParameterError } from '../errors.js';
import { rejectUnknownKeys, requireBoolean, requireObject, requireOneOf } from '../validate.js';
import { compileNetwork } from './compile.js';
import type { Network } from './types.js';
import { edgeCount, keyOf } from './types.js';

/**
 * The column names a header line may use, compared without regard to case. With
 * `header: 'auto'` the first line that is neither blank nor a comment is a header exactly
 * when its first field is one of `source`, its second one of `target` and its third (if
 * any) one of `trust`. A file whose first tie really is between people called `u` and
 * `v` must be read with `header: false`.
 */
export const EDGE_LIST_COLUMN_NAMES = {
  source: ['source', 'src', 'from', 'u', 'node1', 'person1'],
  target: ['target', 'dst', 'to', 'v', 'node2', 'person2'],
  trust: ['trust', 'weight', 'strength', 'w'],
} as const;

/** Options of {@link parseEdgeList}. */
export interface ParseEdgeListOptions {
  /** Each line is a one-way arc `source → target` (the source can tell the target). Default false: a two-way tie. */
  readonly directed?: boolean;
  /**
   * `true`: the first line that is neither blank nor a comment is a header (skipped; its
   * number of fields says whether rows carry trust). `false`: there is none. `'auto'`
   * (default): a header exactly when that line's fields are all recognised column names
   * ({@link EDGE_LIST_COLUMN_NAMES}).
   */
  readonly header?: boolean | 'auto';
  /**
   * `','`: comma-separated (fields trimmed of surrounding blanks; `"…"` quotes a field, `""`
   * inside quotes is one `"`). `'whitespace'`: fields separated by runs of spaces or tabs.
   * `'auto'` (default): comma-separated when the first line that is neither blank nor a
   * comment contains a comma or a double quote, whitespace-separated otherwise.
   */
  readonly delimiter?: 'auto' | ',' | 'whitespace';
  /**
   * `'keys'` (default): ids are strings; people are numbered in order of first appearance
   * and keep their ids as keys (`"007"` and `"7"` are different people). `'indices'`: ids
   * are 0-based person indices written as decimal digits, leading zeros allowed (the
   * format of shared/bench/ic_ref.c); the network has `largest index + 1` people and no
   * keys, and people who appear in no line are kept (without ties) up to the largest.
   */
  readonly ids?: 'keys' | 'indices';
  /** What to do with a line `a a`; see {@link compileNetwork}. Default `'error'`. */
  readonly onSelfLoop?: 'error' | 'drop';
  /** What to do with a tie given twice (`a b` then `b a` in an undirected list); see {@link compileNetwork}. Default `'error'`. */
  readonly onDuplicate?: 'error' | 'drop';
  /** A name for the text (usually its file name), used in error messages and `info.parameters`. */
  readonly source?: string;
  /**
   * Whether error messages may quote the text (a bad line, a field, people's ids). Default
   * true. `false` gives line numbers only: for a file whose content must not leak into a
   * message (the CLI reads every network file named by a scenario this way).
   */
  readonly quoteContent?: boolean;
}

const PARSE_OPTION_KEYS = ['directed', 'header', 'delimiter', 'ids', 'onSelfLoop', 'onDuplicate', 'source', 'quoteContent'] as const;

// Character codes.
const TAB = 9;
const LF = 10;
const VT = 11;
const FF = 12;
const CR = 13;
const SPACE = 32;
const QUOTE = 34;
const HASH = 35;
const COMMA = 44;
const DOT = 46;
const ZERO = 48;
const NINE = 57;

/** Blank within a line. CR counts as blank, so CRLF line ends need nothing special. */
function isBlank(c: number): boolean {
  return c === SPACE || c === TAB || c === CR || c === VT || c === FF;
}

/** Ids that are canonical decimal integers below this are looked up in a typed table. */
const NUMERIC_TABLE_LIMIT = 1 << 24;
const MAX_PEOPLE = 2 ** 31 - 2;
/** 10^k for k ≤ 22 is exact in a double, so mantissa / 10^k is correctly rounded. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

// Field bounds scratch layout: [start0, end0, …, start3, end3, fieldCount, nextPos, quotedMask].
const FIELD_COUNT = 8;
const NEXT_POS = 9;
const QUOTED = 10;

/**
 * Numbers people in order of first appearance. Plain integer ids are looked up in a
 * typed table indexed by value; other ids in an open-addressing hash table that hashes
 * and compares the characters in place, so no string is made for an id already seen.
 */
class IdTable {
  size = 0;
  /** numeric id value → person, -1 when unseen (grown on demand). */
  numeric = new Int32Array(0);
  /** person → numeric id value, or -1 for a string id. */
  value = new Int32Array(1024);
  /** person → id for string ids (others are filled in at the end). */
  strings: string[] = [];
  /** Hash table of string ids, two entries per slot: person + 1 (0 = empty), then its hash. Load factor ≤ 1/2. */
  slots = new Int32Array(2 << 12);
  stringCount = 0;
  /** The last two string ids resolved, and their people: lists are often grouped by one column. */
  recentKey0 = '';
  recentPerson0 = -1;
  recentKey1 = '';
  recentPerson1 = -1;

  idOf(text: string, s: number, e: number, quoted: boolean): number {
    if (quoted) {
      const key = unquote(text, s, e);
      const v = canonicalInteger(key, 0, key.length);
      return v >= 0 ? this.numericId(v) : this.stringId(key, 0, key.length);
    }
    const v = canonicalInteger(text, s, e);
    return v >= 0 ? this.numericId(v) : this.stringId(text, s, e);
  }

  /** The person whose id is `text[s, e)`, added when new. */
  stringId(text: string, s: number, e: number): number {
    if (this.recentPerson0 >= 0 && sameText(this.recentKey0, text, s, e)) return this.recentPerson0;
    if (this.recentPerson1 >= 0 && sameText(this.recentKey1, text, s, e)) {
      const key = this.recentKey1;
      const person = this.recentPerson1;
      this.recentKey1 = this.recentKey0;
      this.recentPerson1 = this.recentPerson0;
      this.recentKey0 = key;
      this.recentPerson0 = person;
      return person;
    }
    const person = this.lookUp(text, s, e);
    this.recentKey1 = this.recentKey0;
    this.recentPerson1 = this.recentPerson0;
    this.recentKey0 = this.strings[person]!;
    this.recentPerson0 = person;
    return person;
  }

  lookUp(text: string, s: number, e: number): number {
    // FNV-1a over UTF-16 code units, then a final mix.
    let h = 0x811c9dc5 | 0;
    for (let p = s; p < e; p++) h = Math.imul(h ^ text.charCodeAt(p), 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    const length = e - s;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const slot = slots[2 * i]!;
      if (slot === 0) {
        // A long slice may share the whole text's memory; copy it so the network does not keep the text alive.
        const key = length >= 13 ? detach(text.slice(s, e)) : text.slice(s, e);
        const person = this.add(-1);
        this.strings[person] = key;
        slots[2 * i] = person + 1;
        slots[2 * i + 1] = h;
        if (++this.stringCount * 4 > slots.length) this.rehash();
        return person;
      }
      if (slots[2 * i + 1] === h) {
        const key = this.strings[slot - 1]!;
        if (sameText(key, text, s, e)) return slot - 1;
      }
    }
  }

  rehash(): void {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2);
    const mask = (slots.length >> 1) - 1;
    for (let j = 0; j < old.length; j += 2) {
      if (old[j] === 0) continue;
      const h = old[j + 1]!;
      let i = h & mask;
      while (slots[2 * i] !== 0) i = (i + 1) & mask;
      slots[2 * i] = old[j]!;
      slots[2 * i + 1] = h;
    }
    this.slots = slots;
  }

  numericId(v: number): number {
    let table = this.numeric;
    if (v >= table.length) {
      let length = Math.max(1024, table.length);
      while (length <= v) length *= 2;
      const grown = new Int32Array(length).fill(-1);
      grown.set(table);
      this.numeric = table = grown;
    }
    const known = table[v]!;
    if (known >= 0) return known;
    const person = this.add(v);
    table[v] = person;
    return person;
  }

  add(value: number): number {
    const person = this.size++;
    if (person >= this.value.length) {
      const grown = new Int32Array(this.value.length * 2);
      grown.set(this.value);
      this.value = grown;
    }
    this.value[person] = value;
    this.strings.push('');
    return person;
  }

  /** The ids by person, or null when person i's id is `String(i)` for every i. */
  keys(): string[] | null {
    const n = this.size;
    const value = this.value;
    let identity = true;
    for (let i = 0; i < n; i++) {
      if (value[i] !== i) {
        identity = false;
        break;
      }
    }
    if (identity) return null;
    const keys = this.strings;
    for (let i = 0; i < n; i++) if (value[i]! >= 0) keys[i] = String(value[i]);
    return keys;
  }
}

/** Growable edge arrays handed to compileNetwork without a final copy. */
class EdgeBuffer {
  count = 0;
  sources: Int32Array;
  targets: Int32Array;
  lines: Int32Array;
  trust: Float32Array | null = null;

  constructor(capacity: number) {
    this.sources = new Int32Array(capacity);
    this.targets = new Int32Array(capacity);
    this.lines = new Int32Array(capacity);
  }

  push(u: number, v: number, line: number): number {
    const e = this.count++;
    if (e >= this.sources.length) this.grow();
    this.sources[e] = u;
    this.targets[e] = v;
    this.lines[e] = line;
    return e;
  }

  grow(): void {
    const capacity = this.sources.length * 2;
    const grow32 = (a: Int32Array) => {
      const b = new Int32Array(capacity);
      b.set(a);
      return b;
    };
    this.sources = grow32(this.sources);
    this.targets = grow32(this.targets);
    this.lines = grow32(this.lines);
    if (this.trust !== null) {
      const t = new Float32Array(capacity);
      t.set(this.trust);
      this.trust = t;
    }
  }
}

/**
 * The value of an id written as a canonical decimal integer (no sign, no leading zero)
 * below {@link NUMERIC_TABLE_LIMIT}, or -1. Such ids use the typed table; every other id
 * goes through the Map, so each id string has exactly one home.
 */
function canonicalInteger(text: string, s: number, e: number): number {
  if (e - s > 8 || e === s) return -1;
  let c = text.charCodeAt(s);
  if (c < ZERO || c > NINE || (c === ZERO && e - s > 1)) return -1;
  let v = c - ZERO;
  for (let p = s + 1; p < e; p++) {
    c = text.charCodeAt(p);
    if (c < ZERO || c > NINE) return -1;
    v = v * 10 + (c - ZERO);
  }
  return v < NUMERIC_TABLE_LIMIT ? v : -1;
}

/** Whether `key` equals `text[s, e)`. */
function sameText(key: string, text: string, s: number, e: number): boolean {
  const length = e - s;
  if (key.length !== length) return false;
  for (let p = 0; p < length; p++) if (key.charCodeAt(p) !== text.charCodeAt(s + p)) return false;
  return true;
}

/** A flat copy of a string (V8 keeps long substrings as views into their parent). */
function detach(s: string): string {
  return s.split('').join('');
}

/** The text of a quoted CSV field (bounds include the quotes), with `""` read as `"`. */
function unquote(text: string, s: number, e: number): string {
  return text.slice(s + 1, e - 1).replaceAll('""', '"');
}

/** A field as written, for messages and header detection. */
function fieldText(text: string, b: Int32Array, k: number): string {
  const s = b[2 * k]!;
  const e = b[2 * k + 1]!;
  return (b[QUOTED]! & (1 << k)) !== 0 ? unquote(text, s, e) : text.slice(s, e);
}

/** One line (from `pos`) split at runs of blanks; `#` starts a comment anywhere. */
function scanWhitespaceLine(text: string, pos: number, b: Int32Array): void {
  const len = text.length;
  let n = 0;
  for (;;) {
    let c = 0;
    while (pos < len && isBlank((c = text.charCodeAt(pos)))) pos++;
    if (pos >= len) break;
    if (c === LF) {
      pos++;
      break;
    }
    if (c === HASH) {
      const nl = text.indexOf('\n', pos);
      pos = nl === -1 ? len : nl + 1;
      break;
    }
    const start = pos++;
    while (pos < len) {
      c = text.charCodeAt(pos);
      if (c === LF || c === HASH || isBlank(c)) break;
      pos++;
    }
    if (n < 4) {
      b[2 * n] = start;
      b[2 * n + 1] = pos;
    }
    n++;
  }
  b[FIELD_COUNT] = n;
  b[NEXT_POS] = pos;
  b[QUOTED] = 0;
}

/** One line (from `pos`) split at commas; `#` outside quotes starts a comment. */
function scanCsvLine(text: string, pos: number, b: Int32Array, line: number, source: string | undefined): void {
  const len = text.length;
  let n = 0;
  let quotedMask = 0;
  let c = 0;
  while (pos < len && isBlank((c = text.charCodeAt(pos)))) pos++;
  if (pos >= len || c === LF || c === HASH) {
    if (pos < len) {
      const nl = text.indexOf('\n', pos);
      pos = nl === -1 ? len : nl + 1;
    }
    b[FIELD_COUNT] = 0;
    b[NEXT_POS] = pos;
    b[QUOTED] = 0;
    return;
  }
  for (;;) {
    while (pos < len && (c = text.charCodeAt(pos)) !== LF && isBlank(c)) pos++;
    c = pos < len ? text.charCodeAt(pos) : LF;
    const start = pos;
    let end: number;
    if (c === QUOTE) {
      pos++;
      for (;;) {
        if (pos >= len || text.charCodeAt(pos) === LF) {
          throw new EdgeListParseError(line, `field ${n + 1} opens a quote that is not closed on the same line`, source);
        }
        if (text.charCodeAt(pos) === QUOTE) {
          if (pos + 1 < len && text.charCodeAt(pos + 1) === QUOTE) {
            pos += 2;
            continue;
          }
          pos++;
          break;
        }
        pos++;
      }
      end = pos;
      if (n < 4) quotedMask |= 1 << n;
      while (pos < len && (c = text.charCodeAt(pos)) !== LF && isBlank(c)) pos++;
      c = pos < len ? text.charCodeAt(pos) : LF;
      if (c !== COMMA && c !== LF && c !== HASH) {
        throw new EdgeListParseError(line, `field ${n + 1} has text after its closing quote`, source);
      }
    } else {
      while (pos < len) {
        c = text.charCodeAt(pos);
        if (c === COMMA || c === LF || c === HASH) break;
        pos++;
      }
      if (pos >= len) c = LF;
      end = pos;
      while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
      if (end === start) {
        throw new EdgeListParseError(line, `field ${n + 1} is empty (an id must have at least one character)`, source);
      }
    }
    if (n < 4) {
      b[2 * n] = start;
      b[2 * n + 1] = end;
    }
    n++;
    if (c === COMMA) {
      pos++;
      continue;
    }
    if (c === HASH) {
      const nl = text.indexOf('\n', pos);
      pos = nl === -1 ? len : nl + 1;
    } else if (pos < len) {
      pos++; // the line feed
    }
    break;
  }
  b[FIELD_COUNT] = n;
  b[NEXT_POS] = pos;
  b[QUOTED] = quotedMask;
}

/** `','` when the first line with content has a comma or a quote before any comment. */
function detectDelimiter(text: string, pos: number): ',' | 'whitespace' {
  const len = text.length;
  while (pos < len) {
    let c = 0;
    while (pos < len && isBlank((c = text.charCodeAt(pos)))) pos++;
    if (pos >= len) break;
    if (c === LF || c === HASH) {
      const nl = text.indexOf('\n', pos);
      if (nl === -1) break;
      pos = nl + 1;
      continue;
    }
    for (; pos < len; pos++) {
      c = text.charCodeAt(pos);
      if (c === COMMA || c === QUOTE) return ',';
      if (c === HASH || c === LF) return 'whitespace';
    }
    break;
  }
  return 'whitespace';
}

/** The line starting at `pos`, trimmed and shortened, for messages. */
function lineText(text: string, pos: number): string {
  const nl = text.indexOf('\n', pos);
  const raw = text.slice(pos, nl === -1 ? text.length : nl).trim();
  return raw.length > 60 ? `${raw.slice(0, 57)}...` : raw;
}

/** A trust field as a number, or NaN when it is not a decimal number. */
function parseTrust(text: string, s: number, e: number, quoted: boolean): number {
  if (!quoted) {
    // Fast path: digits[.digits] or .digits with at most 15 digits, read exactly.
    let p = s;
    let mantissa = 0;
    let digits = 0;
    let fraction = 0;
    let c = 0;
    while (p < e && (c = text.charCodeAt(p)) >= ZERO && c <= NINE) {
      mantissa = mantissa * 10 + (c - ZERO);
      digits++;
      p++;
    }
    if (p < e && c === DOT) {
      p++;
      while (p < e && (c = text.charCodeAt(p)) >= ZERO && c <= NINE) {
        mantissa = mantissa * 10 + (c - ZERO);
        digits++;
        fraction++;
        p++;
      }
    }
    if (p === e && digits > 0 && digits <= 15) return fraction === 0 ? mantissa : mantissa / POW10[fraction]!;
  }
  const field = quoted ? unquote(text, s, e).trim() : text.slice(s, e);
  return DECIMAL.test(field) ? Number(field) : Number.NaN;
}

/**
 * Reads an edge list into a {@link Network}.
 *
 * Format: one tie per line, `source target` or `source target trust`, fields separated
 * by commas or by blanks (see {@link ParseEdgeListOptions.delimiter}). `#` starts a
 * comment wherever it appears, on its own line or after a tie (so an id can hold `#`
 * only inside quotes in comma-separated text); blank lines are skipped; line ends may be LF or CRLF; a leading byte-order mark is
 * ignored. Ids are strings, numbered in order of first appearance (or 0-based indices
 * with `ids: 'indices'`). Trust is a tie strength in (0, 1] written as a decimal number
 * (`0.5`, `.5`, `1`, `2.5e-1`); either every tie has one or none has, because a missing
 * trust is never taken to be 1 behind the user's back. Without a trust column every tie
 * has trust 1 (the default of {@link compileNetwork}). Everyone starts as a bystander in
 * segment `"all"`; see {@link assignRoles}.
 *
 * When ids are the decimal integers `0 … n−1` in order of first appearance the network
 * stores no keys (`keys: null`), as generators do; {@link keyOf} still gives `"0"`, `"1"`, ….
 *
 * @param text The whole edge list (for a file: `readFileSync(path, 'utf8')`).
 * @throws {EdgeListParseError} with the 1-based `line` for a line with 1 or more than 3
 *   fields, an empty or badly quoted field, a trust that is not a number in (0, 1] (or
 *   rounds to 0 in single precision), rows that mix ties with and without trust, a bad
 *   index with `ids: 'indices'`, and a list with no ties at all.
 * @throws {GraphStructureError} for a self-loop or a repeated tie (unless dropped), naming
 *   the line(s).
 * @throws {InvalidParameterError} for an unknown or ill-typed option.
 * @example
 * const network = parseEdgeList('# who talks to whom\nann,bob,0.9\nbob,cy,0.2\n');
 * network.size;           // 3
 * network.keys;           // ['ann', 'bob', 'cy']
 * Array.from(network.trust); // [0.8999999761581421, 0.8999999761581421, 0.20000000298023224, 0.20000000298023224]
 */
export function parseEdgeList(text: string, options: ParseEdgeListOptions = {}): Network {
  if (typeof text !== 'string') throw new InvalidParameterError('text', 'the edge list as a string', text);
  requireObject('options', options);
  rejectUnknownKeys('options', options, PARSE_OPTION_KEYS);
  const directed = options.directed === undefined ? false : requireBoolean('options.directed', options.directed);
  const header = options.header ?? 'auto';
  if (header !== true && header !== false && header !== 'auto') {
    throw new InvalidParameterError('options.header', "true, false or 'auto'", header);
  }
  const delimiterOption = requireOneOf('options.delimiter', options.delimiter ?? 'auto', ['auto', ',', 'whitespace']);
  const ids = requireOneOf('options.ids', options.ids ?? 'keys', ['keys', 'indices']);
  const onSelfLoop = requireOneOf('options.onSelfLoop', options.onSelfLoop ?? 'error', ['error', 'drop']);
  const onDuplicate = requireOneOf('options.onDuplicate', options.onDuplicate ?? 'error', ['error', 'drop']);
  const source = options.source;
  if (source !== undefined && typeof source !== 'string') {
    throw new InvalidParameterError('options.source', 'a name for the text (a string)', source);
  }
  const quote = options.quoteContent === undefined ? true : requireBoolean('options.quoteContent', options.quoteContent);
  /** ` (received "…")`-style tails, left out when the content must not be quoted. */
  const shownLine = (start: number) => (quote ? `: ${JSON.stringify(lineText(text, start))}` : '');
  const shownField = (k: number) => (quote ? `, received ${JSON.stringify(fieldText(text, b, k))}` : '');

  const len = text.length;
  let pos = len > 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const delimiter = delimiterOption === 'auto' ? detectDelimiter(text, pos) : delimiterOption;
  const csv = delimiter === ',';
  const b = new Int32Array(11);
  const people = new IdTable();
  const edges = new EdgeBuffer(Math.max(1024, Math.ceil(len / 12)));
  let maxIndex = -1;
  let line = 0;
  let sawFirst = false;
  let headerFound = false;
  let withTrust = -1; // -1: not known yet; 0: no trust column; 1: trust column
  let trustDecidedAt = 0;

  while (pos < len) {
    line++;
    const lineStart = pos;
    if (csv) scanCsvLine(text, pos, b, line, source);
    else scanWhitespaceLine(text, pos, b);
    pos = b[NEXT_POS]!;
    const fields = b[FIELD_COUNT]!;
    if (fields === 0) continue;

    if (!sawFirst) {
      sawFirst = true;
      let isHeader = header === true;
      if (header === 'auto' && fields >= 2 && fields <= 3) {
        isHeader =
          (EDGE_LIST_COLUMN_NAMES.source as readonly string[]).includes(fieldText(text, b, 0).toLowerCase()) &&
          (EDGE_LIST_COLUMN_NAMES.target as readonly string[]).includes(fieldText(text, b, 1).toLowerCase()) &&
          (fields === 2 || (EDGE_LIST_COLUMN_NAMES.trust as readonly string[]).includes(fieldText(text, b, 2).toLowerCase()));
      }
      if (isHeader) {
        if (fields < 2 || fields > 3) {
          throw new EdgeListParseError(
            line,
            `expected a header of 2 column names (source, target) or 3 (source, target, trust), found ${fields} fields${shownLine(lineStart)}`,
            source,
          );
        }
        headerFound = true;
        withTrust = fields === 3 ? 1 : 0;
        trustDecidedAt = line;
        continue;
      }
    }

    if (fields < 2 || fields > 3) {
      throw new EdgeListParseError(
        line,
        `expected 2 fields (source, target) or 3 (source, target, trust), found ${fields}${shownLine(lineStart)}`,
        source,
      );
    }
    const hasTrust = fields === 3 ? 1 : 0;
    if (withTrust === -1) {
      withTrust = hasTrust;
      trustDecidedAt = line;
    } else if (hasTrust !== withTrust) {
      const what = headerFound ? `the header on line ${trustDecidedAt}` : `line ${trustDecidedAt}`;
      throw new EdgeListParseError(
        line,
        hasTrust === 1
          ? `has a trust value but ${what} has none: give a trust for every tie or for none (a missing trust is not taken to be 1)`
          : `has no trust value but ${what} has one: give a trust for every tie or for none (a missing trust is not taken to be 1)`,
        source,
      );
    }

    const quoted = b[QUOTED]!;
    let u: number;
    let v: number;
    if (ids === 'keys') {
      u = people.idOf(text, b[0]!, b[1]!, (quoted & 1) !== 0);
      v = people.idOf(text, b[2]!, b[3]!, (quoted & 2) !== 0);
      if (people.size > MAX_PEOPLE) throw new EdgeListParseError(line, `more than ${MAX_PEOPLE} people`, source);
    } else {
      u = readIndex(text, b, 0, line, source, quote);
      v = readIndex(text, b, 1, line, source, quote);
      if (u > maxIndex) maxIndex = u;
      if (v > maxIndex) maxIndex = v;
    }
    const e = edges.push(u, v, line);
    if (hasTrust === 1) {
      if (edges.trust === null) edges.trust = new Float32Array(edges.sources.length);
      const t = parseTrust(text, b[4]!, b[5]!, (quoted & 4) !== 0);
      if (!(t > 0 && t <= 1)) {
        throw new EdgeListParseError(
          line,
          `trust must be a number > 0 and ≤ 1 (a tie strength)${shownField(2)}`,
          source,
        );
      }
      const t32 = Math.fround(t);
      if (t32 === 0) {
        throw new EdgeListParseError(
          line,
          `trust ${quote ? `${JSON.stringify(fieldText(text, b, 2))} ` : ''}rounds to 0 in single precision (trust is stored as a 32-bit float); use a value ≥ 1.5e-45`,
          source,
        );
      }
      edges.trust[e] = t32;
    }
  }

  if (edges.count === 0) {
    throw new EdgeListParseError(
      Math.max(1, line),
      'no ties: the list is empty or holds only blank lines, comments and a header (an edge list needs at least one line `source target`)',
      source,
    );
  }

  const prefix = source === undefined ? '' : `${source}, `;
  const lines = edges.lines;
  const keys = ids === 'keys' ? people.keys() : null;
  return compileNetwork(
    {
      size: ids === 'keys' ? people.size : maxIndex + 1,
      sources: edges.sources,
      targets: edges.targets,
      count: edges.count,
      ...(edges.trust === null ? {} : { trust: edges.trust }),
    },
    {
      directed,
      onSelfLoop,
      onDuplicate,
      keys,
      quoteKeys: quote,
      describeEdge: (edge: number) => `${prefix}line ${lines[edge]}`,
      info: {
        source: 'edge-list',
        parameters: {
          ...(source === undefined ? {} : { file: source }),
          directed,
          delimiter,
          header: headerFound,
          trust: withTrust === 1,
          ids,
          onSelfLoop,
          onDuplicate,
        },
      },
    },
  );
}

/** Field k as a 0-based person index (`ids: 'indices'`). */
function readIndex(text: string, b: Int32Array, k: number, line: number, source: string | undefined, quote: boolean): number {
  const s = b[2 * k]!;
  const e = b[2 * k + 1]!;
  let v = 0;
  let ok = (b[QUOTED]! & (1 << k)) === 0 && e > s && e - s <= 10;
  for (let p = s; ok && p < e; p++) {
    const c = text.charCodeAt(p);
    if (c < ZERO || c > NINE) ok = false;
    else v = v * 10 + (c - ZERO);
  }
  if (!ok || v > MAX_PEOPLE - 1) {
    throw new EdgeListParseError(
      line,
      `${k === 0 ? 'source' : 'target'} must be a person index (an integer from 0 to ${MAX_PEOPLE - 1} in decimal digits) with ids: 'indices'${quote ? `, received ${JSON.stringify(fieldText(text, b, k))}` : ''}`,
      source,
    );
  }
  return v;
}

/** Options of {@link formatEdgeList}. */
export interface FormatEdgeListOptions {
  /** Write a trust column. Default: true when any tie's trust is not 1. */
  readonly trust?: boolean;
  /** Write a column-name line (`source target` or `source target trust`) after the comments. Default true. */
  readonly header?: boolean;
  /** Start with `#` comment lines describing the network (size, ties, source). Default true. */
  readonly comments?: boolean;
  /** Field separator. Default `' '`. With `','` ids that need it are quoted. */
  readonly delimiter?: ' ' | '\t' | ',';
  /** `'keys'` (default) writes each person's id; `'indices'` writes 0-based person indices (for shared/bench/ic_ref.c and `parseEdgeList(text, { ids: 'indices' })`). */
  readonly ids?: 'keys' | 'indices';
  /** People without ties cannot be written in an edge list: `'error'` (default) throws; `'omit'` leaves them out. */
  readonly isolated?: 'error' | 'omit';
}

const FORMAT_OPTION_KEYS = ['trust', 'header', 'comments', 'delimiter', 'ids', 'isolated'] as const;

/** x rounded to p significant digits (exponent = ⌊log10 x⌋), as a double. */
function roundToDigits(x: number, p: number, exponent: number): number {
  const k = p - 1 - exponent; // decimal places
  if (k >= 0) {
    const scale = k < POW10.length ? POW10[k]! : 10 ** k;
    return Math.round(x * scale) / scale;
  }
  const scale = -k < POW10.length ? POW10[-k]! : 10 ** -k;
  return Math.round(x / scale) * scale;
}

/**
 * A short decimal that reads back, through a double, to this single-precision value:
 * the fewest significant digits p ≤ 9 for which x rounded to p digits does (9 always
 * does for single precision), found by bisection on p with arithmetic only.
 */
function formatFloat32(x: number): string {
  const exponent = Math.floor(Math.log10(x));
  let lo = 1;
  let hi = 9;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (Math.fround(roundToDigits(x, mid, exponent)) === x) hi = mid;
    else lo = mid + 1;
  }
  const candidate = roundToDigits(x, lo, exponent);
  return Math.fround(candidate) === x ? String(candidate) : String(x);
}

/** An id as a field, quoted for CSV when needed; throws when it cannot be written. */
function formatId(key: string, person: number, delimiter: string): string {
  if (delimiter === ',') {
    if (key.includes('\n') || key.includes('\r')) {
      throw new InvalidParameterError(`keys[${person}]`, 'an id without line breaks (an edge list has one tie per line)', key);
    }
    if (key === '' || /[,"#]|^\s|\s$/.test(key)) return `"${key.replaceAll('"', '""')}"`;
    return key;
  }
  if (key === '' || /[\s#]/.test(key)) {
    throw new InvalidParameterError(
      `keys[${person}]`,
      "an id without blanks or '#' in a whitespace-separated edge list (pass delimiter: ',' to quote it)",
      key,
    );
  }
  return key;
}

/**
 * Writes a network as an edge list that {@link parseEdgeList} reads back.
 *
 * Each tie is written once: an undirected tie `u–v` as one line, a directed arc `u → v`
 * as `u v`. Lines come in the order of their later endpoint (person v's ties to people
 * before it, when v's turn comes), so reading the text back numbers the people in the
 * same order whenever that is possible: `parseEdgeList(formatEdgeList(network), …)` gives
 * identical `offsets`, `neighbors`, `trust` and `keys` for every network read by
 * {@link parseEdgeList} and for every network in which each person has a tie to someone
 * earlier or to the next person (Barabási–Albert growth, a connected network in
 * breadth-first order). Otherwise the same ties come back with the people renumbered;
 * `ids: 'indices'` keeps the numbering in every case. Trust values are written with the
 * fewest digits that read back to the same single-precision number. Roles, segments and
 * the `directed` flag are not part of an edge list: pass `directed: true` when reading a
 * directed one back.
 *
 * @throws {GraphStructureError} when a person has no ties (unless `isolated: 'omit'`).
 * @throws {InvalidParameterError} for an id that cannot be written with the chosen delimiter.
 * @example
 * const text = formatEdgeList(parseEdgeList('ann bob 0.9\nbob cy 0.2'), { comments: false });
 * // 'source target trust\nann bob 0.9\nbob cy 0.2\n'
 */
export function formatEdgeList(network: Network, options: FormatEdgeListOptions = {}): string {
  requireObject('options', options);
  rejectUnknownKeys('options', options, FORMAT_OPTION_KEYS);
  const { offsets, neighbors, trust, size: n, directed } = network;
  let anyTrust = false;
  for (let a = 0; a < trust.length; a++) {
    if (trust[a] !== 1) {
      anyTrust = true;
      break;
    }
  }
  const withTrust = options.trust === undefined ? anyTrust : requireBoolean('options.trust', options.trust);
  const withHeader = options.header === undefined ? true : requireBoolean('options.header', options.header);
  const withComments = options.comments === undefined ? true : requireBoolean('options.comments', options.comments);
  const delimiter = requireOneOf('options.delimiter', options.delimiter ?? ' ', [' ', '\t', ',']);
  const ids = requireOneOf('options.ids', options.ids ?? 'keys', ['keys', 'indices']);
  const isolated = requireOneOf('options.isolated', options.isolated ?? 'error', ['error', 'omit']);

  // Ids as fields, made once per person.
  const field: string[] = new Array<string>(n);
  for (let i = 0; i < n; i++) field[i] = ids === 'indices' ? String(i) : formatId(keyOf(network, i), i, delimiter);

  // In-arcs (directed only), sorted by tail: a transpose by counting sort.
  let inOffsets = offsets;
  let inTails = neighbors;
  let inArc = new Int32Array(0);
  if (directed) {
    inOffsets = new Int32Array(n + 1);
    for (let a = 0; a < neighbors.length; a++) inOffsets[neighbors[a]! + 1]!++;
    for (let i = 0; i < n; i++) inOffsets[i + 1]! += inOffsets[i]!;
    const fill = inOffsets.slice();
    inTails = new Int32Array(neighbors.length);
    inArc = new Int32Array(neighbors.length);
    for (let u = 0; u < n; u++) {
      for (let a = offsets[u]!; a < offsets[u + 1]!; a++) {
        const at = fill[neighbors[a]!]!++;
        inTails[at] = u;
        inArc[at] = a;
      }
    }
  }

  const out = new TextWriter();
  const sep = delimiter.charCodeAt(0);
  const write = (from: number, to: number, arc: number) => {
    out.text(field[from]!);
    out.code(sep);
    out.text(field[to]!);
    if (withTrust) {
      out.code(sep);
      out.text(formatFloat32(trust[arc]!));
    }
    out.code(LF);
  };

  if (withComments) {
    const oneLine = (s: string) => s.replace(/\s+/g, ' ');
    out.text(`# hearsay edge list: ${n} people, ${edgeCount(network)} ${directed ? 'one-way ties (directed: read with directed: true)' : 'ties'}\n`);
    out.text(`# source: ${oneLine(network.info.source)}\n`);
    let parameters = '';
    try {
      parameters = JSON.stringify(network.info.parameters) ?? '';
    } catch {
      parameters = '';
    }
    if (parameters !== '' && parameters !== '{}' && parameters.length <= 500) out.text(`# parameters: ${oneLine(parameters)}\n`);
    if (network.info.stream !== undefined) out.text(`# stream: ${oneLine(network.info.stream)}\n`);
  }
  if (withHeader) out.text(`source${delimiter}target${withTrust ? `${delimiter}trust` : ''}\n`);

  // pairedNext[v] = 1 when the tie v–(v+1) (or arc v → v+1) was written early to introduce v.
  const pairedNext = new Uint8Array(n);
  for (let v = 0; v < n; v++) {
    const start = offsets[v]!;
    const end = offsets[v + 1]!;
    const inStart = inOffsets[v]!;
    const inEnd = inOffsets[v + 1]!;
    if (end === start && inEnd === inStart) {
      if (isolated === 'error') {
        throw new GraphStructureError(
          `person ${JSON.stringify(keyOf(network, v))}`,
          "has no ties, and an edge list cannot hold a person without ties (pass isolated: 'omit' to leave such people out)",
        );
      }
      continue;
    }
    const hasEarlier = (end > start && neighbors[start]! < v) || (directed && inEnd > inStart && inTails[inStart]! < v);
    const introducedByPair = v > 0 && pairedNext[v - 1] === 1;
    if (!hasEarlier && !introducedByPair && end > start && neighbors[start] === v + 1) {
      write(v, v + 1, start);
      pairedNext[v] = 1;
    }
    if (!directed) {
      for (let a = start; a < end; a++) {
        const u = neighbors[a]!;
        if (u >= v) break;
        if (u === v - 1 && introducedByPair) continue;
        write(u, v, a);
      }
    } else {
      // Merge arcs u → v (in-arcs) and v → u (out-arcs) with u < v, by u.
      let a = start;
      let i = inStart;
      for (;;) {
        const out = a < end && neighbors[a]! < v ? neighbors[a]! : n;
        const inn = i < inEnd && inTails[i]! < v ? inTails[i]! : n;
        if (out === n && inn === n) break;
        if (inn <= out) {
          if (!(inn === v - 1 && introducedByPair)) write(inn, v, inArc[i]!);
          i++;
        } else {
          write(v, out, a);
          a++;
        }
      }
    }
  }
  return out.finish();
}

/**
 * Builds a long string from UTF-16 code units in a reused buffer, turned into a string
 * every 8,192 units: concatenating millions of short strings leaves the garbage
 * collector most of the work (measured: 4–6 s against about 1 s for 5M lines).
 */
class TextWriter {
  readonly buffer = new Uint16Array(8192);
  length = 0;
  readonly chunks: string[] = [];

  text(s: string): void {
    const buffer = this.buffer;
    let at = this.length;
    for (let i = 0; i < s.length; i++) {
      if (at === buffer.length) {
        this.length = at;
        this.flush();
        at = 0;
      }
      buffer[at++] = s.charCodeAt(i);
    }
    this.length = at;
  }

  code(c: number): void {
    if (this.length === this.buffer.length) this.flush();
    this.buffer[this.length++] = c;
  }

  flush(): void {
    this.chunks.push(String.fromCharCode.apply(null, this.buffer.subarray(0, this.length) as unknown as number[]));
    this.length = 0;
  }

  finish(): string {
    this.flush();
    return this.chunks.join('');
  }
}
