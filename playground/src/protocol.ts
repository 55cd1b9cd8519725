/** The messages between the page and its Web Worker (every request carries the whole scenario: the worker keeps nothing). */
import type { Control, Overrides, ResultView } from './model.js';

export type Request =
  /** Read a scenario: its controls and policies (the file as written, before any change). */
  | { readonly id: number; readonly type: 'load'; readonly source: string; readonly text: string }
  /** The numbers with the overrides, from `replicates` runs (absent: the file's). */
  | { readonly id: number; readonly type: 'evaluate'; readonly source: string; readonly text: string; readonly overrides: Overrides; readonly replicates?: number }
  /** The scenario's text with the overrides written in (the YAML download). */
  | { readonly id: number; readonly type: 'yaml'; readonly source: string; readonly text: string; readonly overrides: Overrides }
  /** The full HTML report, as `hearsay run` writes it. */
  | { readonly id: number; readonly type: 'report'; readonly source: string; readonly text: string; readonly overrides: Overrides };

export type Reply =
  | { readonly id: number; readonly type: 'loaded'; readonly controls: readonly Control[]; readonly title: string; readonly replicates: number }
  | { readonly id: number; readonly type: 'result'; readonly view: ResultView; readonly milliseconds: number }
  | { readonly id: number; readonly type: 'text'; readonly text: string }
  /** The scenario is not valid (the message of `hearsay validate`), or something unexpected failed. */
  | { readonly id: number; readonly type: 'problem'; readonly message: string; readonly expected: boolean };
