// Small exact graphs for tests, built through compileNetwork (independent of the
// generators under test).
import { compileNetwork, type Network, type RoleCode } from '../../src/index.js';

export function fromPairs(size: number, pairs: Array<[number, number]>, roles?: RoleCode[]): Network {
  return compileNetwork(
    {
      size,
      sources: Int32Array.from(pairs.map((p) => p[0])),
      targets: Int32Array.from(pairs.map((p) => p[1])),
    },
    { info: { source: 'test', parameters: {} }, ...(roles ? { role: Uint8Array.from(roles) } : {}) },
  );
}

/** k stars: hub i·(leaves+1), its leaves following it. */
export function stars(k: number, leaves: number, leafRole?: RoleCode): Network {
  const pairs: Array<[number, number]> = [];
  for (let s = 0; s < k; s++) {
    const hub = s * (leaves + 1);
    for (let l = 1; l <= leaves; l++) pairs.push([hub, hub + l]);
  }
  const n = k * (leaves + 1);
  const roles = leafRole === undefined ? undefined : Array.from({ length: n }, (_, i) => (i % (leaves + 1) === 0 ? 0 : leafRole) as RoleCode);
  return fromPairs(n, pairs, roles);
}

export function complete(n: number): Network {
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) pairs.push([i, j]);
  return fromPairs(n, pairs);
}

/** Connected component sizes reachable from `from`, by plain BFS (independent check). */
export function componentOf(network: Network, from: number[]): Set<number> {
  const seen = new Set<number>(from);
  const stack = [...from];
  while (stack.length > 0) {
    const u = stack.pop()!;
    for (let a = network.offsets[u]!; a < network.offsets[u + 1]!; a++) {
      const v = network.neighbors[a]!;
      if (!seen.has(v)) {
        seen.add(v);
        stack.push(v);
      }
    }
  }
  return seen;
}

/** Mean and standard error of a sample. */
export function meanSe(xs: ArrayLike<number>): { mean: number; se: number; sd: number } {
  const n = xs.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += xs[i]!;
  const mean = s / n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (xs[i]! - mean) ** 2;
  const sd = Math.sqrt(v / (n - 1));
  return { mean, se: sd / Math.sqrt(n), sd };
}
