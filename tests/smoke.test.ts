import { expect, it } from 'vitest';
import { createRng } from '../src/index.js';
it('draws', () => { expect(createRng(1).next()).toBeLessThan(1); });
