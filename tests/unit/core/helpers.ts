/**
 * Test helpers for the core: the bundled corpus read from `assets/corpus/`
 * by the CLI's own reader, parsed and indexed once per test file.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { BUNDLED_CORPUS_DIR, readCorpusDir } from '../../../cli/corpus-dir';
import { parseEvalRows, type EvalRow } from '../../../cli/evaluate';
import { CorpusIndex } from '../../../lib/core/corpus-index';
import { parseDocument } from '../../../lib/core/parse-document';
import type { SourceDocument } from '../../../lib/core/types';

const BUNDLED = await readCorpusDir(BUNDLED_CORPUS_DIR);

export const PRESS_CONFERENCE = 'nato-sg-press-conference-2022-01-07';
export const BRIEF = 'nato-pa-policy-brief-2022-01-07';

/** The bundled documents, as shipped. */
export function bundledDocuments(): SourceDocument[] {
  return structuredClone(BUNDLED);
}

let cached: CorpusIndex | undefined;

/** The bundled corpus, indexed (built once). */
export function bundledIndex(): CorpusIndex {
  cached ??= CorpusIndex.build(bundledDocuments().map(parseDocument));
  return cached;
}

/** The quote rows of a JSONL fixture in `tests/fixtures/`, read as `npm run eval` reads them. */
export function fixtureRows(name: string): EvalRow[] {
  return parseEvalRows(
    readFileSync(fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url)), 'utf8'),
  );
}
