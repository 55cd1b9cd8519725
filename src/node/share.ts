/**
 * A network whose typed arrays live in SharedArrayBuffers: worker threads receive views
 * of the same memory, not copies.
 */
import type { Network } from '../network/types.js';

type Typed = Int32Array | Float32Array | Uint8Array | Uint16Array;

function shared<T extends Typed>(array: T): T {
  if (array.buffer instanceof SharedArrayBuffer) return array;
  const Ctor = array.constructor as new (buffer: SharedArrayBuffer) => T;
  const copy = new Ctor(new SharedArrayBuffer(array.byteLength));
  copy.set(array as never);
  return copy;
}

/** The same network with its arrays in shared memory (a no-op for arrays already shared). */
export function shareNetwork(network: Network): Network {
  return {
    ...network,
    offsets: shared(network.offsets),
    neighbors: shared(network.neighbors),
    trust: shared(network.trust),
    role: shared(network.role),
    segment: shared(network.segment),
  };
}

/** What a worker receives: the shared arrays and no ids (tellers travel as indices). */
export function networkForWorkers(network: Network): Network {
  const s = shareNetwork(network);
  return { ...s, keys: null, info: { ...s.info, parameters: {} } };
}
