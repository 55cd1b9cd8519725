/**
 * The playground's Web Worker: the pure core of hearsay (no `node:`) runs here, off the
 * page's thread. Each request is answered once; the page cancels stale work by ending
 * this worker and starting another.
 */
import { applyOverrides, controlsFor, evaluate, problemText, reportHtml } from './model.js';
import type { Reply, Request } from './protocol.js';
import { readScenario } from '../../src/scenario-file/parse.js';

// The worker's global scope, declared narrowly (the playground type-checks with the DOM library only).
declare const self: { onmessage: ((event: { readonly data: Request }) => void) | null; postMessage(message: Reply): void };

function answer(request: Request): Reply {
  const { id } = request;
  try {
    switch (request.type) {
      case 'load': {
        const file = readScenario(request.text, request.source);
        const replicates = typeof file.replicates === 'number' ? file.replicates : 1000;
        return { id, type: 'loaded', controls: controlsFor(file), title: typeof file.name === 'string' ? file.name : request.source, replicates };
      }
      case 'evaluate': {
        const started = performance.now();
        const view = evaluate(applyOverrides(request.text, request.overrides), request.source, request.replicates);
        return { id, type: 'result', view, milliseconds: Math.round(performance.now() - started) };
      }
      case 'yaml':
        return { id, type: 'text', text: applyOverrides(request.text, request.overrides) };
      case 'report':
        return { id, type: 'text', text: reportHtml(applyOverrides(request.text, request.overrides), request.source) };
    }
  } catch (error) {
    return { id, type: 'problem', ...problemText(error) };
  }
}

self.onmessage = (event) => self.postMessage(answer(event.data));
