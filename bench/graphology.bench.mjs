// graphology ↔ Network at the size DESIGN.md quotes for the interchange format: 100,000
// people, mean degree ≈ 10 (Barabási–Albert, m = 5: 499,975 ties). Target: compiling a
// graphology graph into a Network in under 1 s. Two graphs: node keys "0"…"99999" (as
// toGraphology and graphology-generators make them) and string keys ("person-…", with
// roles, segments and trust as attributes, so every attribute path is exercised).
//
//   node bench/graphology.bench.mjs            (after npm run build)
import { UndirectedGraph } from 'graphology';
import { assignRoles, assignSegments, assignTrust, barabasiAlbert, edgeCount, fromGraphology, toGraphology } from '../dist/index.js';
import { peakRssMb, table, time } from './util.mjs';

const SIZE = 100_000;
const rows = [];

const network = barabasiAlbert({ size: SIZE, edgesPerPerson: 5, seed: 1 });
const ties = edgeCount(network);

const toPlain = time(() => toGraphology(network));
const plain = toPlain.result;
rows.push({ step: 'toGraphology (keys 0…n−1)', ms: toPlain.ms.toFixed(0), detail: `${plain.order} nodes, ${plain.size} edges` });

const fromPlain = time(() => fromGraphology(plain), 3);
rows.push({ step: 'fromGraphology (keys 0…n−1)', ms: fromPlain.ms.toFixed(0), detail: `${fromPlain.result.size} people, ${edgeCount(fromPlain.result)} ties` });

// String keys and attributes, built the way a user would: addNode / addEdge.
let labelled = assignSegments(network, (i) => ['north', 'south', 'east', 'west'][i % 4]);
labelled = assignRoles(labelled, { customers: 0.3, prospects: 0.5 }, 1);
labelled = assignTrust(labelled, { kind: 'strong-weak' }, 1);
const built = time(() => {
  const graph = new UndirectedGraph();
  const roleNames = ['bystander', 'customer', 'prospect'];
  for (let i = 0; i < SIZE; i++) {
    graph.addNode(`person-${i}`, { role: roleNames[labelled.role[i]], segment: labelled.segmentNames[labelled.segment[i]] });
  }
  const { offsets, neighbors, trust } = labelled;
  for (let u = 0; u < SIZE; u++) {
    for (let a = offsets[u]; a < offsets[u + 1]; a++) {
      const v = neighbors[a];
      if (u < v) graph.addEdge(`person-${u}`, `person-${v}`, { trust: trust[a] });
    }
  }
  return graph;
});
rows.push({ step: 'build graphology graph by hand (string keys)', ms: built.ms.toFixed(0), detail: `${built.result.order} nodes, ${built.result.size} edges` });

const fromKeyed = time(() => fromGraphology(built.result), 3);
rows.push({
  step: 'fromGraphology (string keys, role/segment/trust)',
  ms: fromKeyed.ms.toFixed(0),
  detail: `${fromKeyed.result.size} people, ${edgeCount(fromKeyed.result)} ties, ${fromKeyed.result.segmentNames.length} segments`,
});

const toKeyed = time(() => toGraphology(fromKeyed.result, { degree: Float64Array.from({ length: SIZE }, (_, i) => network.offsets[i + 1] - network.offsets[i]) }));
rows.push({ step: 'toGraphology (string keys + one node value)', ms: toKeyed.ms.toFixed(0), detail: `${toKeyed.result.size} edges` });

table(rows);
console.log(`\n${SIZE} people, ${ties} ties; fromGraphology best of 3; peak RSS ${peakRssMb().toFixed(0)} MB; node ${process.version}`);
