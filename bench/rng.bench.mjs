// Uniform draws per second from each generator hearsay could use, and what it costs to
// reach one through a swappable function. Run `npm run build` first, then
// `node bench/rng.bench.mjs` (or `npm run bench -- rng`).
//
// How it measures, and why:
// - Each case has its own loop function, which takes the generator (or its state) as
//   arguments and holds nothing but the loop, so one case's type feedback cannot leak
//   into another, and set-up calls cannot deoptimise the loop. Loops sum their draws so
//   they cannot be optimised away.
// - Each loop is warmed up with many short calls, so V8 compiles it as a whole function
//   before timing. A loop first met in one long call is instead compiled by on-stack
//   replacement (OSR), and for sfc32 written inline V8 11 (Node 20) often keeps running
//   that OSR code, which was 5–14× slower here (with --no-use-osr the same loop is
//   always fast). The last row measures that lottery in fresh processes.
// - Figures are the best of REPEAT timed runs of about TARGET_MS each, taken round-robin
//   across the cases; the machine may be shared, and the best run is the least disturbed.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import seedrandom from 'seedrandom';
import { Sfc32, createRng } from '../dist/index.js';
import { peakRssMb, table, time } from './util.mjs';

const TARGET_MS = 200;
const REPEAT = 7;
const OSR_PROCESSES = 5;

let sink = 0; // every result lands here and is printed, so no loop is dead code

// --- loops -------------------------------------------------------------------------------

function loopArc4(prng, n) {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += prng();
  return sum;
}

function loopAlea(prng, n) {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += prng();
  return sum;
}

function loopRngNext(rng, n) {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += rng.next();
  return sum;
}

function loopRngUint32(rng, n) {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += rng.uint32();
  return sum;
}

function loopSfc32Method(gen, n) {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += gen.nextUint32();
  return sum;
}

// sfc32 (Doty-Humphrey, PractRand) with its state in local variables. The arguments are
// re-coerced with `| 0` so the loop variables are typed int32 from the start.
function loopSfc32Inline(a, b, c, d, n) {
  a |= 0;
  b |= 0;
  c |= 0;
  d |= 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (((c << 21) | (c >>> 11)) + t) | 0;
    sum += t >>> 0;
  }
  return sum;
}

// xoshiro128** 1.1 (Blackman & Vigna, https://prng.di.unimi.it/xoshiro128starstar.c).
function loopXoshiro128ssInline(s0, s1, s2, s3, n) {
  s0 |= 0;
  s1 |= 0;
  s2 |= 0;
  s3 |= 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const m = Math.imul(s1, 5);
    const r = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    sum += r;
  }
  return sum;
}

// "Swappable" generators: functions of one shape, () => uint32, each written as a
// different function so that a call site which has seen all three is polymorphic. Two
// flavours: state in an Int32Array the closure holds (V8 keeps it unboxed), and state in
// closure variables, the usual idiom, which V8 boxes as heap numbers on every step.
function makeSfc32Typed(rng) {
  const s = new Int32Array([rng.uint32(), rng.uint32(), rng.uint32(), rng.uint32()]);
  return () => {
    const a = s[0];
    const b = s[1];
    const c = s[2];
    const d = s[3];
    const t = (((a + b) | 0) + d) | 0;
    s[3] = d + 1;
    s[0] = b ^ (b >>> 9);
    s[1] = c + (c << 3);
    s[2] = ((c << 21) | (c >>> 11)) + t;
    return t >>> 0;
  };
}

function makeXoshiroTyped(rng) {
  const s = new Int32Array([rng.uint32(), rng.uint32(), rng.uint32(), rng.uint32()]);
  return () => {
    const s1 = s[1];
    const m = Math.imul(s1, 5);
    const r = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    s[2] ^= s[0];
    s[3] ^= s1;
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = (s[3] << 11) | (s[3] >>> 21);
    return r;
  };
}

function makeMulberryTyped(rng) {
  // mulberry32 (Tommy Ettinger): a third, different target for the call site.
  const s = new Int32Array([rng.uint32()]);
  return () => {
    const x = (s[0] + 0x6d2b79f5) | 0;
    s[0] = x;
    let t = Math.imul(x ^ (x >>> 15), x | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

// Two more generators, only to push a call site past V8's limit of 4 inlined targets.
function makeXorshiftTyped(rng) {
  // xorshift32 (Marsaglia 2003), state never 0.
  const s = new Int32Array([rng.uint32() | 1]);
  return () => {
    let x = s[0];
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    s[0] = x;
    return x >>> 0;
  };
}

function makeLcgTyped(rng) {
  // The 32-bit LCG of Numerical Recipes (ranqd1): x ← 1664525·x + 1013904223.
  const s = new Int32Array([rng.uint32()]);
  return () => {
    const x = (Math.imul(s[0], 1664525) + 1013904223) | 0;
    s[0] = x;
    return x >>> 0;
  };
}

function makeSfc32Locals(rng) {
  let a = rng.uint32() | 0;
  let b = rng.uint32() | 0;
  let c = rng.uint32() | 0;
  let d = rng.uint32() | 0;
  return () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (((c << 21) | (c >>> 11)) + t) | 0;
    return t >>> 0;
  };
}

function makeXoshiroLocals(rng) {
  let s0 = rng.uint32() | 0;
  let s1 = rng.uint32() | 0;
  let s2 = rng.uint32() | 0;
  let s3 = rng.uint32() | 0;
  return () => {
    const m = Math.imul(s1, 5);
    const r = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    return r;
  };
}

function makeMulberryLocals(rng) {
  let s = rng.uint32() | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

// Copies of one loop over `next: () => number`, as a kernel taking a swappable rng would
// be written: the first only ever sees sfc32; the others are first run with three
// generators of their flavour (polymorphic) or five (megamorphic), as in a library whose
// users pass their own. Note that V8 inlines none of them: a generator closure is made
// afresh for every stream, and a call site fed by many closures of one function literal
// has no feedback to inline with ("FeedbackCell[many closures]" in --trace-turbo-inlining),
// so every draw is a real call, and its uint32 result is boxed when it exceeds 2^30.
function loopFunctionMonomorphic(next, n) {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += next();
  return sum;
}

function loopFunctionPolymorphicTyped(next, n) {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += next();
  return sum;
}

function loopFunctionMegamorphicTyped(next, n) {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += next();
  return sum;
}

function loopFunctionPolymorphicLocals(next, n) {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += next();
  return sum;
}

// For comparison: sfc32 as a class whose state is an Int32Array rather than four fields.
class Sfc32Typed {
  constructor(rng) {
    this.s = new Int32Array([rng.uint32(), rng.uint32(), rng.uint32(), rng.uint32()]);
  }
  nextUint32() {
    const s = this.s;
    const a = s[0];
    const b = s[1];
    const c = s[2];
    const d = s[3];
    const t = (((a + b) | 0) + d) | 0;
    s[3] = d + 1;
    s[0] = b ^ (b >>> 9);
    s[1] = c + (c << 3);
    s[2] = ((c << 21) | (c >>> 11)) + t;
    return t >>> 0;
  }
}

function loopSfc32Typed(gen, n) {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += gen.nextUint32();
  return sum;
}

// --- cases: (n) => sum of n draws from a freshly seeded generator ------------------------

function words(rng) {
  return [rng.uint32() | 0, rng.uint32() | 0, rng.uint32() | 0, rng.uint32() | 0];
}

const cases = [
  ['seedrandom ARC4 (default `seedrandom(seed)`)', (n) => loopArc4(seedrandom('bench'), n)],
  ['seedrandom alea `prng()`', (n) => loopAlea(seedrandom.alea('bench'), n)],
  ['hearsay `Rng.next()` (alea, 53 bits)', (n) => loopRngNext(createRng('bench'), n)],
  ['hearsay `Rng.uint32()`', (n) => loopRngUint32(createRng('bench'), n)],
  ['hearsay `Sfc32.nextUint32()` as a method', (n) => loopSfc32Method(Sfc32.fromRng(createRng('bench')), n)],
  ['sfc32 inline (local variables)', (n) => loopSfc32Inline(...words(createRng('bench')), n)],
  ['xoshiro128** inline (local variables)', (n) => loopXoshiro128ssInline(...words(createRng('bench')), n)],
  ['rng function parameter, only ever sfc32 closures (Int32Array state)', (n) => loopFunctionMonomorphic(makeSfc32Typed(createRng('bench')), n)],
  [
    'swappable rng function, after 3 generators (Int32Array state)',
    (n) => loopFunctionPolymorphicTyped(makeSfc32Typed(createRng('bench')), n),
  ],
  [
    'swappable rng function, after 5 generators (Int32Array state)',
    (n) => loopFunctionMegamorphicTyped(makeSfc32Typed(createRng('bench')), n),
  ],
  [
    'swappable rng function, after 3 generators (closure variables)',
    (n) => loopFunctionPolymorphicLocals(makeSfc32Locals(createRng('bench')), n),
  ],
  ['(comparison) sfc32 class on an Int32Array', (n) => loopSfc32Typed(new Sfc32Typed(createRng('bench')), n)],
];

/** Many short calls, so V8 optimises the loop function as a whole, not by OSR. */
function warmUp(fn) {
  for (let i = 0; i < 20_000; i++) sink += fn(100);
}

/** Warm up, then size a run of fn to about TARGET_MS. */
function prepare(fn) {
  warmUp(fn);
  const probe = 1_000_000;
  let best = Infinity;
  for (let i = 0; i < 3; i++) best = Math.min(best, time(() => (sink += fn(probe))).ms);
  return Math.max(probe, Math.round((probe * TARGET_MS) / best));
}

// --- OSR probe: run in a fresh process, prints one number ---------------------------------

if (process.argv[2] === '--osr-probe') {
  // A fresh loop, first met in a long call: compiled by on-stack replacement.
  const n = 30_000_000;
  let best = Infinity;
  for (let r = 0; r < 3; r++) best = Math.min(best, time(() => (sink += loopSfc32Inline(...words(createRng('bench')), n))).ms);
  console.log(JSON.stringify({ perSecond: n / (best / 1000), sink }));
  process.exit(0);
}

// --- measure and print ---------------------------------------------------------------------

// Teach the polymorphic loops' call sites their targets, in short calls, before timing.
for (let i = 0; i < 5_000; i++) {
  sink += loopFunctionPolymorphicTyped(makeXoshiroTyped(createRng('warm')), 100);
  sink += loopFunctionPolymorphicTyped(makeMulberryTyped(createRng('warm')), 100);
  sink += loopFunctionPolymorphicTyped(makeSfc32Typed(createRng('warm')), 100);
  for (const make of [makeXoshiroTyped, makeMulberryTyped, makeXorshiftTyped, makeLcgTyped, makeSfc32Typed]) {
    sink += loopFunctionMegamorphicTyped(make(createRng('warm')), 100);
  }
  sink += loopFunctionPolymorphicLocals(makeXoshiroLocals(createRng('warm')), 100);
  sink += loopFunctionPolymorphicLocals(makeMulberryLocals(createRng('warm')), 100);
  sink += loopFunctionPolymorphicLocals(makeSfc32Locals(createRng('warm')), 100);
}

// Time the cases round-robin, REPEAT rounds, keeping each one's best run: a burst of
// load from elsewhere then slows one run of every case, not every run of one case.
const results = cases.map(([name, fn]) => ({ name, fn, n: prepare(fn), ms: Infinity, perSecond: 0 }));
for (let round = 0; round < REPEAT; round++) {
  for (const r of results) r.ms = Math.min(r.ms, time(() => (sink += r.fn(r.n))).ms);
}
for (const r of results) r.perSecond = r.n / (r.ms / 1000);
const rate = (prefix) => results.find((r) => r.name.startsWith(prefix)).perSecond;
const inline = rate('sfc32 inline');

const osrRates = [];
for (let p = 0; p < OSR_PROCESSES; p++) {
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--osr-probe'], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`OSR probe failed: ${child.stderr}`);
  osrRates.push(JSON.parse(child.stdout).perSecond);
}

const rows = results.map((r) => ({
  generator: r.name,
  'M draws/s': (r.perSecond / 1e6).toFixed(0),
  'time vs sfc32 inline': `${(inline / r.perSecond).toFixed(1)}×`,
  'draws per run': r.n.toLocaleString('en-US'),
  'best ms': r.ms.toFixed(0),
}));
const osrLow = Math.min(...osrRates);
const osrHigh = Math.max(...osrRates);
rows.push({
  generator: `sfc32 inline, loop first met in one long call (OSR), ${OSR_PROCESSES} fresh processes`,
  'M draws/s': osrRates.map((x) => (x / 1e6).toFixed(0)).join(', '),
  'time vs sfc32 inline': `${(inline / osrHigh).toFixed(1)}–${(inline / osrLow).toFixed(1)}×`,
  'draws per run': (30_000_000).toLocaleString('en-US'),
  'best ms': '',
});

console.log(`Node ${process.version} (V8 ${process.versions.v8}), ${process.arch}; best of ${REPEAT} runs of ~${TARGET_MS} ms.\n`);
table(rows);
const direct = rate('rng function parameter, only ever');
const poly = rate('swappable rng function, after 3 generators (Int32Array');
const mega = rate('swappable rng function, after 5');
const locals = rate('swappable rng function, after 3 generators (closure');
const method = rate('hearsay `Sfc32');
console.log(
  `\nConclusion: drawing through a swappable rng function costs ${(inline / poly).toFixed(1)}× the time of ` +
    `sfc32 inline after 3 generators (${(inline / mega).toFixed(1)}× after 5, ${(inline / direct).toFixed(1)}× with ` +
    `one; never inlined) and ${(inline / locals).toFixed(1)}× in the usual closure-variable style, against ` +
    `${(inline / method).toFixed(1)}× for Sfc32.nextUint32(): kernels should take a concrete Sfc32, and Rng ` +
    `(${(inline / rate('hearsay `Rng.next')).toFixed(0)}×) should only seed streams.`,
);
console.log(`\npeak RSS ${peakRssMb().toFixed(0)} MB (checksum ${sink.toExponential(3)})`);
