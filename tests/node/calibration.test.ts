// Calibration on worker threads: the same seed gives the same posterior — particles,
// weights, distances, tolerances, simulation counts — on this thread and on 1 or 2
// workers. Workers run the built script (npm test builds first); the main thread runs src/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { assignRoles, calibrate, groups, parseObservations, type CalibrationResult } from '../../src/index.js';
import { calibrateParallel } from '../../src/node/calibration.js';

const workerUrl = new URL('../../dist/node/calibration-worker.js', import.meta.url);
beforeAll(() => {
  if (!existsSync(workerUrl)) throw new Error(`${fileURLToPath(workerUrl)} is missing: run npm run build (npm test does it first)`);
});

const network = assignRoles(groups({ size: 1500, groupSize: 10, insideProbability: 0.5, acrossProbability: 0.001, seed: 3 }), { customers: 0.3, prospects: 0.3 }, 3);
const scenario = {
  network,
  incidents: { count: 0, amount: 600, severity: 'major' },
  complaints: { probability: { dist: 'beta', mean: 0.5, sd: 0.2 } },
  behaviour: { repurchase: { major: { unresolved: { dist: 'uniform', low: 0, high: 1 } } } },
  economics: { margin: 500 },
};
const observations = parseObservations(
  ['month,metric,value', ...[1, 2, 3, 4, 5, 6].flatMap((m) => [`${m},complaints,${10 + (m % 3)}`, `${m},churned,${20 - (m % 2)}`])].join('\n'),
  'data.csv',
);
const options = { policy: { name: 'refuse', decision: 'refuse' }, projection: { months: 6, incidentRate: 0.05, annualChurnRate: 0.1 }, seed: 11, particles: 40, budget: 400, predictiveDraws: 5, batchSize: 7 };

function fingerprint(r: CalibrationResult) {
  return {
    particles: r.abc.particles.map((c) => Array.from(c)),
    weights: Array.from(r.abc.weights),
    distances: Array.from(r.abc.distances),
    generations: r.generations,
    simulations: r.simulations,
    stoppedBy: r.stoppedBy,
    predictive: r.predictive.slice(0, 30),
  };
}

describe('calibrateParallel', () => {
  let local: CalibrationResult;
  beforeAll(() => {
    local = calibrate(scenario, observations, options);
  });
  it('ran more than one population (the test compares something that moved)', () => {
    expect(local.generations.length).toBeGreaterThan(1);
  });
  it('1 and 2 workers give exactly the posterior of this thread', async () => {
    const one = await calibrateParallel(scenario, observations, { ...options, workers: 1, workerUrl });
    const two = await calibrateParallel(scenario, observations, { ...options, workers: 2, workerUrl, batchSize: 64 });
    expect(fingerprint(one)).toEqual(fingerprint(local));
    expect(fingerprint(two)).toEqual(fingerprint(local));
  });
});
