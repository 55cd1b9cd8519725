/**
 * The regression metamodels behind EVPPI: estimates of E[y | φ] at each draw, with a
 * posterior for the fitted values (Strong, Oakley & Brennan 2014, Med Decis Making 34:311).
 *
 * - **P-spline** (one parameter; Eilers & Marx 1996, Statistical Science 11:89): cubic
 *   B-splines on equally spaced knots with a second-order difference penalty, the
 *   smoothing parameter chosen by REML (restricted maximum likelihood; Wood 2011, JRSS B
 *   73:3, prefers it to GCV, which undersmooths more often — and an undersmoothed fit
 *   inflates EVPPI). The basis is built on the parameter's ranks, (rank − ½)/N: E[y | φ]
 *   is unchanged by any one-to-one transform of φ, and on the rank scale the knots sit at
 *   quantiles, so a skewed parameter (a lognormal) gets as many knots where its draws are.
 * - **Tensor-product P-spline** (2–4 parameters): products of marginal cubic B-splines on
 *   each parameter's ranks, penalised by the sum of the marginal difference penalties with
 *   one smoothing parameter (the rank scale makes the dimensions commensurate), again by
 *   REML. Interactions are kept, as in voi's default `te()` smooth.
 * - **Group means** (few distinct values): E[y | φ] estimated by the mean of y over the
 *   draws sharing φ's value(s) — exact, no smoothing needed.
 *
 * All three are put in Demmler–Reinsch form once per parameter set: with G = BᵀB (+ a
 * ridge of 1e-9 of its mean diagonal, so an empty knot interval cannot make it singular)
 * = L·Lᵀ and L⁻¹PL⁻ᵀ = U·diag(s)·Uᵀ, the basis Z = B·L⁻ᵀ·U has nearly orthonormal columns
 * and the penalised fit for any λ is Z·diag(1/(1 + λs))·Zᵀy. Every strategy's regression
 * then costs O(N·4^D + p²) (B is sparse: Z is never formed), REML a sum over p terms per
 * λ, and the coefficients' posterior (Wood 2006, §4.8: Vβ = (BᵀB + λP)⁻¹σ²) is diagonal
 * in these coordinates, so each draw of it for the standard error costs the same again.
 */
import { cholesky, solveLower, solveLowerTransposed, symmetricEigen } from './linear-algebra.js';

/**
 * A metamodel's design, prepared once for a parameter (or group) and reused for every
 * strategy. The basis B is kept sparse (each draw touches 4^D B-splines, or one group),
 * and T maps Demmler–Reinsch coefficients c to B-spline coefficients a = T·c, so fitted
 * values cost O(p² + N·4^D) rather than O(N·p).
 */
export interface PreparedSmoother {
  readonly method: 'p-spline' | 'tensor-p-spline' | 'group-means';
  /** Draws. */
  readonly n: number;
  /** Columns of the basis. */
  readonly p: number;
  /** Non-zero basis values per draw. */
  readonly nnz: number;
  /** Column of each non-zero value, n × nnz. */
  readonly index: Int32Array;
  /** The non-zero values of B, n × nnz. */
  readonly value: Float64Array;
  /** Column means of B. */
  readonly bMean: Float64Array;
  /** T, p × p row-major: a = T·c. */
  readonly t: Float64Array;
  /** Penalty eigenvalues in Demmler–Reinsch coordinates, ascending; the first `nullDim` are 0. */
  readonly s: Float64Array;
  /** Dimension of the unpenalised space (2^D for the splines, all p for group means). */
  readonly nullDim: number;
}

/** One regression: fitted values and the posterior of its coefficients. */
export interface SmootherFit {
  readonly fitted: Float64Array;
  /** Mean of y (the fit is of y − ȳ). */
  readonly mean: number;
  /** Posterior means of the coefficients in Demmler–Reinsch coordinates. */
  readonly coef: Float64Array;
  /** Posterior standard deviations of the same coefficients (independent). */
  readonly coefSd: Float64Array;
  /** The smoothing parameter (0 for group means). */
  readonly lambda: number;
  /** Effective degrees of freedom, Σ 1/(1 + λ·s). */
  readonly edf: number;
}

/** Marginal basis sizes by number of parameters [A]: p = 20, 64, 125 or 256 columns (voi's default te() uses k = 5, or k = 4 for ≥ 4 parameters). */
export const SPLINE_BASIS_SIZES: Readonly<Record<number, number>> = { 1: 20, 2: 8, 3: 5, 4: 4 };

/** Group means replace the spline when a parameter (group) takes at most this many distinct values [A]… */
export const MAX_GROUPS = 20;
/** …and there are at least this many draws per distinct value on average [A]. */
export const MIN_DRAWS_PER_GROUP = 5;

/** (rank − ½)/N of each value, ties sharing their average rank: a function of the value in (0, 1). */
export function rankScale(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const out = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && values[order[j]!] === values[order[i]!]) j++;
    const u = ((i + j - 1) / 2 + 0.5) / n; // average 0-based rank + ½, over n
    for (let k = i; k < j; k++) out[order[k]!] = u;
    i = j;
  }
  return out;
}

/** The distinct value combinations of the columns, as a group index per draw, or undefined when there are more than `limit`. */
export function groupIndex(columns: readonly ArrayLike<number>[], n: number, limit: number): { group: Int32Array; count: number } | undefined {
  const ids = new Map<string, number>();
  const group = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    let key = '';
    for (const c of columns) key += `${c[j]!}|`;
    let id = ids.get(key);
    if (id === undefined) {
      if (ids.size >= limit) return undefined;
      id = ids.size;
      ids.set(key, id);
    }
    group[j] = id;
  }
  return { group, count: ids.size };
}

/** Group means in smoother form: B the group indicators, T = diag(1/√n_g), nothing penalised. */
export function prepareGroupMeans(group: Int32Array, count: number): PreparedSmoother {
  const n = group.length;
  const size = new Float64Array(count);
  for (let j = 0; j < n; j++) size[group[j]!]! += 1;
  const t = new Float64Array(count * count);
  const bMean = new Float64Array(count);
  for (let g = 0; g < count; g++) {
    t[g * count + g] = 1 / Math.sqrt(size[g]!);
    bMean[g] = size[g]! / n;
  }
  return { method: 'group-means', n, p: count, nnz: 1, index: Int32Array.from(group), value: new Float64Array(n).fill(1), bMean, t, s: new Float64Array(count), nullDim: count };
}

/** Cubic B-spline values on equally spaced knots over [0, 1]: 4 non-zero of q at index `first`. */
function cubicBSpline(u: number, q: number, values: Float64Array, offset: number): number {
  const segments = q - 3;
  const t = u * segments;
  const first = Math.min(Math.floor(t), segments - 1);
  const f = t - first;
  const g = 1 - f;
  values[offset] = (g * g * g) / 6;
  values[offset + 1] = (3 * f * f * f - 6 * f * f + 4) / 6;
  values[offset + 2] = (-3 * f * f * f + 3 * f * f + 3 * f + 1) / 6;
  values[offset + 3] = (f * f * f) / 6;
  return first;
}

/** The second-order difference penalty DᵀD of a marginal basis of q columns. */
function differencePenalty(q: number): Float64Array {
  const p = new Float64Array(q * q);
  const d = [1, -2, 1];
  for (let r = 0; r < q - 2; r++) {
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) p[(r + a) * q + r + b] = p[(r + a) * q + r + b]! + d[a]! * d[b]!;
  }
  return p;
}

/**
 * A (tensor-product) P-spline on columns already on the rank scale (0, 1). One column:
 * 20 cubic B-splines; two to four: the product of marginal bases of SPLINE_BASIS_SIZES.
 */
export function prepareSpline(columns: readonly Float64Array[]): PreparedSmoother {
  const dims = columns.length;
  const n = columns[0]!.length;
  const q = SPLINE_BASIS_SIZES[dims]!;
  const p = q ** dims;
  const nnz = 4 ** dims;
  // Sparse rows of B: indices and values, 4^D per draw.
  const index = new Int32Array(n * nnz);
  const value = new Float64Array(n * nnz);
  const marginal = new Float64Array(4 * dims);
  const first = new Int32Array(dims);
  for (let j = 0; j < n; j++) {
    for (let d = 0; d < dims; d++) first[d] = cubicBSpline(columns[d]![j]!, q, marginal, 4 * d);
    for (let c = 0; c < nnz; c++) {
      let k = 0;
      let v = 1;
      let rest = c;
      for (let d = 0; d < dims; d++) {
        const a = rest & 3;
        rest >>= 2;
        k = k * q + first[d]! + a;
        v *= marginal[4 * d + a]!;
      }
      index[j * nnz + c] = k;
      value[j * nnz + c] = v;
    }
  }
  // G = BᵀB plus a tiny ridge.
  const g = new Float64Array(p * p);
  for (let j = 0; j < n; j++) {
    const base = j * nnz;
    for (let a = 0; a < nnz; a++) {
      const ka = index[base + a]! * p;
      const va = value[base + a]!;
      for (let b = 0; b < nnz; b++) g[ka + index[base + b]!] = g[ka + index[base + b]!]! + va * value[base + b]!;
    }
  }
  let trace = 0;
  for (let i = 0; i < p; i++) trace += g[i * p + i]!;
  const ridge = (1e-9 * trace) / p;
  for (let i = 0; i < p; i++) g[i * p + i] = g[i * p + i]! + ridge;
  // P = Σ_d I ⊗ … ⊗ DᵀD ⊗ … ⊗ I.
  const marginalPenalty = differencePenalty(q);
  const penalty = new Float64Array(p * p);
  const digits = new Int32Array(dims);
  for (let k = 0; k < p; k++) {
    for (let d = dims - 1, rest = k; d >= 0; d--, rest = Math.floor(rest / q)) digits[d] = rest % q;
    for (let d = 0; d < dims; d++) {
      const stride = q ** (dims - 1 - d);
      for (let other = 0; other < q; other++) {
        const w = marginalPenalty[digits[d]! * q + other]!;
        if (w !== 0) {
          const k2 = k + (other - digits[d]!) * stride;
          penalty[k * p + k2] = penalty[k * p + k2]! + w;
        }
      }
    }
  }
  const l = cholesky(g, p)!; // G has a positive ridge: always positive definite
  // M = L⁻¹ P L⁻ᵀ: solve L·X = P, transpose, solve again.
  solveLower(l, p, penalty, p);
  const m = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let k = 0; k < p; k++) m[i * p + k] = penalty[k * p + i]!;
  solveLower(l, p, m, p);
  for (let i = 0; i < p; i++) {
    for (let k = 0; k < i; k++) {
      const avg = 0.5 * (m[i * p + k]! + m[k * p + i]!);
      m[i * p + k] = avg;
      m[k * p + i] = avg;
    }
  }
  const { values: s, vectors: u } = symmetricEigen(m, p);
  const nullDim = 2 ** dims; // products of linear functions of each parameter
  for (let i = 0; i < p; i++) if (i < nullDim || s[i]! < 0) s[i] = 0;
  // T = L⁻ᵀ U.
  solveLowerTransposed(l, p, u, p);
  const bMean = new Float64Array(p);
  for (let c = 0; c < n * nnz; c++) bMean[index[c]!] = bMean[index[c]!]! + value[c]! / n;
  return { method: dims === 1 ? 'p-spline' : 'tensor-p-spline', n, p, nnz, index, value, bMean, t: u, s, nullDim };
}

/**
 * Fits y on a prepared design: λ by REML, then fitted values and the coefficient
 * posterior. The REML criterion, profiled over σ² (Wood 2011, eq. 4, in Demmler–Reinsch
 * form): (N − m)·log Q(λ) + Σ log(1 + λs_i) − (p − m)·log λ, with Q(λ) = RSS₀ + Σ b_i²·λs_i/(1 + λs_i)
 * the penalised residual sum of squares (RSS₀: the unpenalised fit's), minimised on a grid
 * of 64 values of log λ spanning the penalty's eigenvalues, then by golden section.
 */
export function fitSmoother(sm: PreparedSmoother, y: ArrayLike<number>): SmootherFit {
  const { n, p, nnz, index, value, t, s, nullDim } = sm;
  let mean = 0;
  for (let j = 0; j < n; j++) mean += y[j]!;
  mean /= n;
  // b = Zᵀ(y − ȳ) = Tᵀ·Bᵀ(y − ȳ).
  const bty = new Float64Array(p);
  for (let j = 0; j < n; j++) {
    const yc = y[j]! - mean;
    for (let c = j * nnz; c < (j + 1) * nnz; c++) bty[index[c]!] = bty[index[c]!]! + value[c]! * yc;
  }
  const b = new Float64Array(p);
  for (let k = 0; k < p; k++) {
    const w = bty[k]!;
    if (w === 0) continue;
    for (let i = 0; i < p; i++) b[i] = b[i]! + t[k * p + i]! * w;
  }
  const scratch = new Float64Array(p);
  const fitted = new Float64Array(n);
  fittedFor(sm, 0, b, fitted, scratch);
  let rss0 = 0;
  for (let j = 0; j < n; j++) {
    const r = y[j]! - mean - fitted[j]!;
    rss0 += r * r;
  }
  const penalisedSS = (lambda: number) => {
    let q = rss0;
    for (let i = nullDim; i < p; i++) q += (b[i]! * b[i]! * lambda * s[i]!) / (1 + lambda * s[i]!);
    return q;
  };
  let lambda = 0;
  if (nullDim < p) {
    const criterion = (rho: number) => {
      const lam = Math.exp(rho);
      const q = penalisedSS(lam);
      if (!(q > 0)) return -Infinity; // an exact fit: nothing to smooth
      let v = (n - nullDim) * Math.log(q) - (p - nullDim) * rho;
      for (let i = nullDim; i < p; i++) v += Math.log1p(lam * s[i]!);
      return v;
    };
    let sMin = Infinity;
    let sMax = 0;
    for (let i = nullDim; i < p; i++) {
      if (s[i]! > 0) sMin = Math.min(sMin, s[i]!);
      sMax = Math.max(sMax, s[i]!);
    }
    if (sMax > 0) {
      const lo = Math.log(1e-4 / sMax);
      const hi = Math.log(1e4 / sMin);
      const steps = 64;
      let best = 0;
      let bestValue = Infinity;
      for (let k = 0; k <= steps; k++) {
        const v = criterion(lo + ((hi - lo) * k) / steps);
        if (v < bestValue) {
          bestValue = v;
          best = k;
        }
      }
      let a = lo + ((hi - lo) * Math.max(0, best - 1)) / steps;
      let c = lo + ((hi - lo) * Math.min(steps, best + 1)) / steps;
      const ratio = (Math.sqrt(5) - 1) / 2;
      let x1 = c - ratio * (c - a);
      let x2 = a + ratio * (c - a);
      let f1 = criterion(x1);
      let f2 = criterion(x2);
      for (let it = 0; it < 40; it++) {
        if (f1 <= f2) {
          c = x2;
          x2 = x1;
          f2 = f1;
          x1 = c - ratio * (c - a);
          f1 = criterion(x1);
        } else {
          a = x1;
          x1 = x2;
          f1 = f2;
          x2 = a + ratio * (c - a);
          f2 = criterion(x2);
        }
      }
      const rho = f1 <= f2 ? x1 : x2;
      lambda = criterion(rho) <= bestValue ? Math.exp(rho) : Math.exp(lo + ((hi - lo) * best) / steps);
    }
  }
  const residualDf = Math.max(1, n - nullDim);
  const sigma = Math.sqrt(penalisedSS(lambda) / residualDf);
  const coef = new Float64Array(p);
  const coefSd = new Float64Array(p);
  let edf = 0;
  for (let i = 0; i < p; i++) {
    const shrink = 1 / (1 + lambda * s[i]!);
    coef[i] = b[i]! * shrink;
    coefSd[i] = sigma * Math.sqrt(shrink);
    edf += shrink;
  }
  fittedFor(sm, mean, coef, fitted, scratch);
  return { fitted, mean, coef, coefSd, lambda, edf };
}

/**
 * Fitted values for Demmler–Reinsch coefficients `coef`, written into `out`: a = T·coef
 * (in `scratch`, length p), then ȳ + B·a. Returns their mean.
 */
export function fittedFor(sm: PreparedSmoother, mean: number, coef: Float64Array, out: Float64Array, scratch: Float64Array): number {
  const { n, p, nnz, index, value, t, bMean } = sm;
  let m = mean;
  for (let k = 0; k < p; k++) {
    let a = 0;
    const row = k * p;
    for (let i = 0; i < p; i++) a += t[row + i]! * coef[i]!;
    scratch[k] = a;
    m += bMean[k]! * a;
  }
  for (let j = 0; j < n; j++) {
    let f = mean;
    for (let c = j * nnz; c < (j + 1) * nnz; c++) f += value[c]! * scratch[index[c]!]!;
    out[j] = f;
  }
  return m;
}
