/**
 * Test helpers for the core: the bundled corpus read from `assets/corpus/`
 * (as the CLI reads it), parsed and indexed once per test file.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { CorpusIndex } from '../../../lib/core/corpus-index';
import { parseDocument } from '../../../lib/core/parse-document';
import type { DocumentMeta, SourceDocument } from '../../../lib/core/types';

const corpusDir = new URL('../../../assets/corpus/', import.meta.url);

export const PRESS_CONFERENCE = 'nato-sg-press-conference-2022-01-07';
export const BRIEF = 'nato-pa-policy-brief-2022-01-07';

/** The bundled documents, as shipped. */
export function bundledDocuments(): SourceDocument[] {
  const manifest = JSON.parse(readFileSync(new URL('manifest.json', corpusDir), 'utf8')) as {
    documents: DocumentMeta[];
  };
  return manifest.documents.map(meta => ({
    ...meta,
    text: readFileSync(new URL(`${meta.id}.txt`, corpusDir), 'utf8'),
  }));
}

let cached: CorpusIndex | undefined;

/** The bundled corpus, indexed (built once). */
export function bundledIndex(): CorpusIndex {
  cached ??= CorpusIndex.build(bundledDocuments().map(parseDocument));
  return cached;
}

/** Rows of a JSONL fixture in `tests/fixtures/`. */
export function fixtureRows<T>(name: string): T[] {
  return readFileSync(fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url)), 'utf8')
    .split('\n')
    .filter(line => line.trim())
    .map(line => JSON.parse(line) as T);
}
