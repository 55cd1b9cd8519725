/**
 * The regression metamodels behind EVPPI: estimates of E[y | φ] at each draw, with a
 * posterior for the fitted values (Strong, Oakley & Brennan 2014, Med Decis Making 34:311).
 *
 * - **Penalised spline** (one parameter): a cubic O'Sullivan spline (Wand & Ormerod 2008,
 *   ANZ J Stat 50:179) — up to 20 cubic B-splines with interior knots at quantiles of the
 *   draws (as mgcv's "cr" basis places them), on the parameter scaled to [0, 1], and the
 *   penalty ∫ f''² — with the smoothing parameter chosen by REML (restricted maximum
 *   likelihood; Wood 2011, JRSS B 73:3, prefers it to GCV, which undersmooths more often,
 *   and an undersmoothed fit inflates EVPPI). Functions linear in the parameter are not
 *   penalised, so the common case — a net benefit linear in a cost or a share — is fitted
 *   exactly, however skewed the parameter's distribution.
 * - **Tensor-product spline** (2–4 parameters): products of marginal O'Sullivan bases of at
 *   most 8, 5 or 4 B-splines (64, 125, 256 columns), penalised by the sum of the marginal
 *   penalties with one smoothing parameter (each parameter scaled to [0, 1]), again by
 *   REML. Interactions are kept, as in voi's default `te()` smooth; products of functions
 *   linear in each parameter are not penalised.
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
  readonly method: 'spline' | 'tensor-spline' | 'group-means';
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

/** Most B-splines per parameter, by group size [A]: p ≤ 20, 64, 125 or 256 columns (voi's default te() uses k = 5, or k = 4 for ≥ 4 parameters). */
export const SPLINE_BASIS_SIZES: Readonly<Record<number, number>> = { 1: 20, 2: 8, 3: 5, 4: 4 };

/** Group means replace the spline when a parameter (group) takes at most this many distinct values [A]… */
export const MAX_GROUPS = 20;
/** …and there are at least this many draws per distinct value on average [A]. */
export const MIN_DRAWS_PER_GROUP = 5;

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

/** One parameter's marginal basis: for each draw the first of its 4 non-zero B-splines and their values, and the penalty. */
interface Marginal {
  /** Columns of the marginal basis. */
  readonly q: number;
  readonly first: Int32Array;
  /** n × 4 values. */
  readonly values: Float64Array;
  /** ∫ B_a''(z)·B_b''(z) dz over [0, 1], q × q. */
  readonly penalty: Float64Array;
}

/**
 * The 4 cubic B-splines non-zero on knot span `span` of the clamped knot vector `t`, at
 * z (Cox–de Boor; Piegl & Tiller, The NURBS Book, algorithm A2.2), into out[0..3]
 * (basis functions span − 3 … span). z may lie outside the span: the same cubic pieces.
 */
function bsplineBasis(t: Float64Array, span: number, z: number, out: Float64Array, offset: number, left: Float64Array, right: Float64Array): void {
  out[offset] = 1;
  for (let j = 1; j <= 3; j++) {
    left[j] = z - t[span + 1 - j]!;
    right[j] = t[span + j]! - z;
    let saved = 0;
    for (let r = 0; r < j; r++) {
      const temp = out[offset + r]! / (right[r + 1]! + left[j - r]!);
      out[offset + r] = saved + right[r + 1]! * temp;
      saved = left[j - r]! * temp;
    }
    out[offset + j] = saved;
  }
}

/**
 * A cubic O'Sullivan spline basis for one parameter (Wand & Ormerod 2008, ANZ J Stat
 * 50:179): the parameter scaled to z = (x − min)/(max − min) in [0, 1], up to q − 4
 * interior knots at quantiles of its draws (as mgcv's "cr" basis places them; repeated
 * quantiles merged), and the penalty ∫ f''(z)² dz, computed exactly: on each knot span a
 * B-spline's second derivative is linear, so it is read off at the span's ends from the
 * cubic through 4 points and integrated in closed form. Functions linear in x are not
 * penalised.
 */
function osplineMarginal(x: ArrayLike<number>, qMax: number): Marginal {
  const n = x.length;
  let min = Infinity;
  let max = -Infinity;
  for (let j = 0; j < n; j++) {
    min = Math.min(min, x[j]!);
    max = Math.max(max, x[j]!);
  }
  const width = max - min;
  const z = Float64Array.from({ length: n }, (_, j) => (x[j]! - min) / width);
  const sorted = Float64Array.from(z).sort();
  const interior: number[] = [];
  const count = qMax - 4;
  for (let k = 1; k <= count; k++) {
    const pos = (k / (count + 1)) * (n - 1);
    const lo = Math.floor(pos);
    const knot = sorted[lo]! + (pos - lo) * ((sorted[Math.min(lo + 1, n - 1)] ?? sorted[lo]!) - sorted[lo]!);
    if (knot > 0 && knot < 1 && (interior.length === 0 || knot > interior[interior.length - 1]!)) interior.push(knot);
  }
  const q = interior.length + 4;
  const t = Float64Array.from([0, 0, 0, 0, ...interior, 1, 1, 1, 1]);
  const left = new Float64Array(4);
  const right = new Float64Array(4);
  const first = new Int32Array(n);
  const values = new Float64Array(4 * n);
  for (let j = 0; j < n; j++) {
    // The span holding z: t[span] ≤ z < t[span + 1], the last span for z = 1.
    let span = 3;
    while (span < q - 1 && z[j]! >= t[span + 1]!) span++;
    bsplineBasis(t, span, z[j]!, values, 4 * j, left, right);
    first[j] = span - 3;
  }
  const penalty = new Float64Array(q * q);
  const pts = new Float64Array(16);
  const d0 = new Float64Array(4);
  const d1 = new Float64Array(4);
  for (let span = 3; span < q; span++) {
    const a = t[span]!;
    const h = t[span + 1]! - a;
    if (!(h > 0)) continue;
    for (let s = 0; s < 4; s++) bsplineBasis(t, span, a + (h * s) / 3, pts, 4 * s, left, right);
    for (let b = 0; b < 4; b++) {
      const [p0, p1, p2, p3] = [pts[b]!, pts[4 + b]!, pts[8 + b]!, pts[12 + b]!];
      // Second derivative of the cubic through (0, p0), (⅓, p1), (⅔, p2), (1, p3), at 0 and 1, per unit z.
      d0[b] = (9 * (2 * p0 - 5 * p1 + 4 * p2 - p3)) / (h * h);
      d1[b] = (9 * (2 * p3 - 5 * p2 + 4 * p1 - p0)) / (h * h);
    }
    for (let b = 0; b < 4; b++) {
      for (let c = 0; c < 4; c++) {
        const integral = (h * (2 * d0[b]! * d0[c]! + d0[b]! * d1[c]! + d1[b]! * d0[c]! + 2 * d1[b]! * d1[c]!)) / 6;
        const row = (span - 3 + b) * q + span - 3 + c;
        penalty[row] = penalty[row]! + integral;
      }
    }
  }
  return { q, first, values, penalty };
}

/**
 * A (tensor-product) penalised cubic spline on one to four parameters: O'Sullivan
 * marginal bases of at most SPLINE_BASIS_SIZES[D] B-splines each, their tensor product,
 * and the sum of the marginal penalties (each on its parameter scaled to [0, 1]) with one
 * smoothing parameter.
 */
export function prepareSpline(columns: readonly ArrayLike<number>[]): PreparedSmoother {
  const dims = columns.length;
  const n = columns[0]!.length;
  const margins = columns.map((c) => osplineMarginal(c, SPLINE_BASIS_SIZES[dims]!));
  const sizes = margins.map((m) => m.q);
  const p = sizes.reduce((a, b) => a * b, 1);
  const nnz = 4 ** dims;
  // Sparse rows of B: indices and values, 4^D per draw.
  const index = new Int32Array(n * nnz);
  const value = new Float64Array(n * nnz);
  for (let j = 0; j < n; j++) {
    for (let c = 0; c < nnz; c++) {
      let k = 0;
      let v = 1;
      let rest = c;
      for (let d = 0; d < dims; d++) {
        const a = rest & 3;
        rest >>= 2;
        const m = margins[d]!;
        k = k * m.q + m.first[j]! + a;
        v *= m.values[4 * j + a]!;
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
  // P = Σ_d I ⊗ … ⊗ P_d ⊗ … ⊗ I.
  const penalty = new Float64Array(p * p);
  const digits = new Int32Array(dims);
  const strides = sizes.map((_, d) => sizes.slice(d + 1).reduce((a, b) => a * b, 1));
  for (let k = 0; k < p; k++) {
    for (let d = dims - 1, rest = k; d >= 0; d--) {
      digits[d] = rest % sizes[d]!;
      rest = Math.floor(rest / sizes[d]!);
    }
    for (let d = 0; d < dims; d++) {
      const q = sizes[d]!;
      const stride = strides[d]!;
      const marginalPenalty = margins[d]!.penalty;
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
  return { method: dims === 1 ? 'spline' : 'tensor-spline', n, p, nnz, index, value, bMean, t: u, s, nullDim };
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
