// The few host globals the core uses, present in browsers, Deno and Node alike. The core
// type-checks without Node's or the DOM's types (tsconfig.core.json), so they are
// declared here, narrowly.
declare function setTimeout(callback: () => void, ms?: number): unknown;

