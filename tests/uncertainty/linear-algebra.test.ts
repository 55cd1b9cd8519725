// The dense linear algebra under the regression metamodels, checked by its defining
// identities (A·V = V·diag(λ), VᵀV = I, L·Lᵀ = A) on random symmetric matrices, and on a
// matrix whose eigenvalues are known in closed form.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/index.js';
import { cholesky, solveLower, solveLowerTransposed, symmetricEigen } from '../../src/uncertainty/linear-algebra.js';

function randomSymmetric(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = rng.next() * 2 - 1;
  return a;
}

describe('symmetricEigen', () => {
  it.each([1, 2, 5, 20, 64, 256])('diagonalises a random symmetric matrix of order %i', (n) => {
    const a = randomSymmetric(n, n);
    const { values, vectors } = symmetricEigen(a, n);
    for (let i = 1; i < n; i++) expect(values[i]!).toBeGreaterThanOrEqual(values[i - 1]!);
    let worst = 0;
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < n; c++) {
        let av = 0;
        for (let k = 0; k < n; k++) av += a[i * n + k]! * vectors[k * n + c]!;
        worst = Math.max(worst, Math.abs(av - values[c]! * vectors[i * n + c]!));
        let dot = 0;
        for (let k = 0; k < n; k++) dot += vectors[k * n + i]! * vectors[k * n + c]!;
        worst = Math.max(worst, Math.abs(dot - (i === c ? 1 : 0)));
      }
    }
    // Backward stable: residuals of order n·ε·‖A‖ (‖A‖ ≤ n here).
    expect(worst).toBeLessThan(1e-12 * n * n);
  });

  it('finds the closed-form eigenvalues of the second-difference matrix', () => {
    // tridiag(−1, 2, −1) of order n has eigenvalues 2 − 2cos(kπ/(n + 1)), k = 1…n.
    const n = 30;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      a[i * n + i] = 2;
      if (i > 0) a[i * n + i - 1] = a[(i - 1) * n + i] = -1;
    }
    const { values } = symmetricEigen(a, n);
    for (let k = 1; k <= n; k++) expect(values[k - 1]!).toBeCloseTo(2 - 2 * Math.cos((k * Math.PI) / (n + 1)), 13);
  });
});

describe('cholesky and the triangular solves', () => {
  it('factors A = L·Lᵀ and solves A·x = b', () => {
    const n = 12;
    const m = randomSymmetric(n, 3);
    const a = new Float64Array(n * n); // MᵀM + I is positive definite
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      let s = i === j ? 1 : 0;
      for (let k = 0; k < n; k++) s += m[k * n + i]! * m[k * n + j]!;
      a[i * n + j] = s;
    }
    const l = cholesky(a, n)!;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += l[i * n + k]! * l[j * n + k]!;
      expect(s).toBeCloseTo(a[i * n + j]!, 12);
    }
    const x = Float64Array.from({ length: n }, (_, i) => i - 5);
    const b = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) b[i] += a[i * n + k]! * x[k]!;
    solveLower(l, n, b, 1);
    solveLowerTransposed(l, n, b, 1);
    for (let i = 0; i < n; i++) expect(b[i]!).toBeCloseTo(x[i]!, 10);
  });

  it('refuses a matrix that is not positive definite', () => {
    expect(cholesky(Float64Array.from([1, 2, 2, 1]), 2)).toBeUndefined();
  });
});
