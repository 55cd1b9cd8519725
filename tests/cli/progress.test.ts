// Progress on stderr, only once a run has taken a second: checked on a clock the test
// drives, so the outcome never depends on how fast this machine is today.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { progressReporter } from '../../src/cli/run.js';

function reporter(quiet: boolean) {
  let t = 0;
  const stream = new PassThrough();
  const progress = progressReporter(quiet, { now: () => t, stream });
  return {
    progress,
    at: (ms: number) => (t = ms),
    written: () => String(stream.read() ?? ''),
  };
}

describe('progress lines (stderr not a terminal)', () => {
  it('nothing during the first second, then a line per tenth of the way', () => {
    const r = reporter(false);
    r.at(999);
    r.progress.update(50, 100);
    expect(r.written()).toBe('');
    r.at(1000);
    r.progress.update(51, 100);
    expect(r.written()).toBe('hearsay: replicates: 51/100 replicates (51%)\n');
    r.progress.update(59, 100);
    expect(r.written()).toBe('');
    r.progress.update(60, 100);
    r.progress.update(100, 100);
    expect(r.written()).toBe('hearsay: replicates: 60/100 replicates (60%)\nhearsay: replicates: 100/100 replicates (100%)\n');
  });

  it('a new stage starts its own lines', () => {
    const r = reporter(false);
    r.at(5000);
    r.progress.update(100, 100, 'policies');
    r.progress.update(1, 10, 'projection');
    expect(r.written()).toBe('hearsay: policies: 100/100 replicates (100%)\nhearsay: projection: 1/10 replicates (10%)\n');
  });

  it('--quiet: never a line', () => {
    const r = reporter(true);
    r.at(60_000);
    r.progress.update(100, 100);
    r.progress.done();
    expect(r.written()).toBe('');
  });
});
