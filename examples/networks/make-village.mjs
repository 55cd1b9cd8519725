// Writes examples/networks/village.edges: a groups network (strong ties inside circles of
// 8 people, weak ties across). Run after `npm run build`:  node examples/networks/make-village.mjs
import { writeFileSync } from 'node:fs';
import { edgeCount, formatEdgeList, groups } from '../../dist/index.js';

const network = groups({ size: 2000, groupSize: 8, insideProbability: 0.6, acrossProbability: 0.002, seed: 'village' });
const header = `# A village of 2,000 people: households and circles of friends of 8 people with strong
# ties inside (trust 1), and weak ties across circles (trust 0.25), after Goldenberg,
# Libai & Muller (2001). Made with hearsay's groups generator; regenerate with
# examples/networks/make-village.mjs.
`;
writeFileSync(new URL('./village.edges', import.meta.url), header + formatEdgeList(network, { trust: true, header: true }));
console.log(`village.edges: ${network.size} people, ${edgeCount(network)} ties`);
