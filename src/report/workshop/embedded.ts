// The scenarios `orisim workshop` writes into the page, with the bases each extends as the loader
// read them, and the in-memory ScenarioFiles that lets the page's loader read those bases again (an
// imported scenario has none: its `extends` is refused with a message). Node-free.
import { ScenarioError } from '../../scenario/errors.js';
import { fileIssue, type ScenarioFiles } from '../../scenario/load.js';

/** A scenario the page was written with: its text, the bases it extends (as read), its text's SHA-256 (as `orisim run` writes it). */
export interface EmbeddedScenario {
  readonly file: string;
  readonly text: string;
  readonly sha256: string;
  /** Each base as the loader asked for it: from, target → path, and the text of each path. */
  readonly bases: readonly { readonly from: string; readonly target: string; readonly path: string }[];
  readonly texts: Readonly<Record<string, string>>;
}

/** The data `orisim workshop` writes into the page. */
export interface WorkshopData {
  readonly version: string;
  readonly scenarios: readonly EmbeddedScenario[];
}

/** The bases of an embedded scenario, read from memory (none for an imported one). */
export function embeddedFiles(s: EmbeddedScenario | undefined): ScenarioFiles {
  return {
    read: (file) => {
      const text = s !== undefined && Object.hasOwn(s.texts, file) ? s.texts[file] : undefined;
      if (text === undefined) throw new ScenarioError([fileIssue('', `cannot read ${file}: an imported scenario cannot extend another file (give it with its bases merged)`)]);
      return text;
    },
    base: (from, target) => s?.bases.find((b) => b.from === from && b.target === target)?.path ?? target,
    key: (file) => file,
  };
}
