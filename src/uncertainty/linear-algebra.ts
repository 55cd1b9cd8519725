/**
 * Dense linear algebra for the small symmetric systems of the regression metamodels (at
 * most a few hundred unknowns): Cholesky factors, triangular solves and the symmetric
 * eigendecomposition. Matrices are row-major Float64Arrays of n × n.
 */

/**
 * Cholesky factor L (lower triangular, A = L·Lᵀ) of a symmetric positive definite A, in
 * a new array. Returns undefined when a pivot is not positive (A not positive definite).
 */
export function cholesky(a: Float64Array, n: number): Float64Array | undefined {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * n + j]!;
      for (let k = 0; k < j; k++) sum -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) {
        if (!(sum > 0)) return undefined;
        l[i * n + i] = Math.sqrt(sum);
      } else {
        l[i * n + j] = sum / l[j * n + j]!;
      }
    }
  }
  return l;
}

/** Solves L·X = B in place of B (n × cols, row-major) for lower-triangular L. */
export function solveLower(l: Float64Array, n: number, b: Float64Array, cols: number): void {
  for (let i = 0; i < n; i++) {
    const lii = l[i * n + i]!;
    for (let c = 0; c < cols; c++) {
      let sum = b[i * cols + c]!;
      for (let k = 0; k < i; k++) sum -= l[i * n + k]! * b[k * cols + c]!;
      b[i * cols + c] = sum / lii;
    }
  }
}

/** Solves Lᵀ·X = B in place of B (n × cols, row-major) for lower-triangular L. */
export function solveLowerTransposed(l: Float64Array, n: number, b: Float64Array, cols: number): void {
  for (let i = n - 1; i >= 0; i--) {
    const lii = l[i * n + i]!;
    for (let c = 0; c < cols; c++) {
      let sum = b[i * cols + c]!;
      for (let k = i + 1; k < n; k++) sum -= l[k * n + i]! * b[k * cols + c]!;
      b[i * cols + c] = sum / lii;
    }
  }
}

/**
 * Eigenvalues (ascending) and orthonormal eigenvectors (the columns of `vectors`, n × n
 * row-major) of a symmetric matrix: Householder reduction to tridiagonal form and the
 * implicit QL method (tred2 and tql2 of EISPACK, Smith et al. 1976, as in JAMA).
 */
export function symmetricEigen(a: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const v = Float64Array.from(a);
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  // Householder tridiagonalisation (tred2).
  for (let j = 0; j < n; j++) d[j] = v[(n - 1) * n + (j)]!;
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]!);
    if (scale === 0) {
      e[i] = d[i - 1]!;
      for (let j = 0; j < i; j++) {
        d[j] = v[(i - 1) * n + (j)]!;
        v[i * n + j] = 0;
        v[j * n + i] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k] = d[k]! / scale;
        h += d[k]! * d[k]!;
      }
      let f = d[i - 1]!;
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        v[j * n + i] = f;
        g = e[j]! + v[(j) * n + (j)]! * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += v[(k) * n + (j)]! * d[k]!;
          e[k] = e[k]! + v[(k) * n + (j)]! * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] = e[j]! / h;
        f += e[j]! * d[j]!;
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] = e[j]! - hh * d[j]!;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        g = e[j]!;
        for (let k = j; k <= i - 1; k++) v[k * n + j] = v[(k) * n + (j)]! - (f * e[k]! + g * d[k]!);
        d[j] = v[(i - 1) * n + (j)]!;
        v[i * n + j] = 0;
      }
    }
    d[i] = h;
  }
  for (let i = 0; i < n - 1; i++) {
    v[(n - 1) * n + i] = v[(i) * n + (i)]!;
    v[i * n + i] = 1;
    const h = d[i + 1]!;
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = v[(k) * n + (i + 1)]! / h;
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let k = 0; k <= i; k++) g += v[(k) * n + (i + 1)]! * v[(k) * n + (j)]!;
        for (let k = 0; k <= i; k++) v[k * n + j] = v[(k) * n + (j)]! - g * d[k]!;
      }
    }
    for (let k = 0; k <= i; k++) v[k * n + i + 1] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = v[(n - 1) * n + (j)]!;
    v[(n - 1) * n + j] = 0;
  }
  v[(n - 1) * n + n - 1] = 1;
  e[0] = 0;
  // Implicit QL on the tridiagonal matrix (tql2).
  for (let i = 1; i < n; i++) e[i - 1] = e[i]!;
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = 2 ** -52;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]!) + Math.abs(e[l]!));
    let m = l;
    while (m < n) {
      if (Math.abs(e[m]!) <= eps * tst1) break;
      m++;
    }
    if (m > l) {
      for (let iter = 0; iter < 60; iter++) {
        let g = d[l]!;
        let p = (d[l + 1]! - g) / (2 * e[l]!);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l]! / (p + r);
        d[l + 1] = e[l]! * (p + r);
        const dl1 = d[l + 1]!;
        let h = g - d[l]!;
        for (let i = l + 2; i < n; i++) d[i] = d[i]! - h;
        f += h;
        p = d[m]!;
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1]!;
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i]!;
          h = c * p;
          r = Math.hypot(p, e[i]!);
          e[i + 1] = s * r;
          s = e[i]! / r;
          c = p / r;
          p = c * d[i]! - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]!);
          for (let k = 0; k < n; k++) {
            h = v[k * n + i + 1]!;
            v[k * n + i + 1] = s * v[k * n + i]! + c * h;
            v[k * n + i] = c * v[k * n + i]! - s * h;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]!) / dl1;
        e[l] = s * p;
        d[l] = c * p;
        if (!(Math.abs(e[l]!) > eps * tst1)) break;
      }
    }
    d[l] = d[l]! + f;
    e[l] = 0;
  }
  // Sort ascending, moving the vectors with their values.
  for (let i = 0; i < n - 1; i++) {
    let k = i;
    let p = d[i]!;
    for (let j = i + 1; j < n; j++) {
      if (d[j]! < p) {
        k = j;
        p = d[j]!;
      }
    }
    if (k !== i) {
      d[k] = d[i]!;
      d[i] = p;
      for (let j = 0; j < n; j++) {
        const t = v[j * n + i]!;
        v[j * n + i] = v[j * n + k]!;
        v[j * n + k] = t;
      }
    }
  }
  return { values: d, vectors: v };
}
