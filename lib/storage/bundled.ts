/**
 * The corpus bundled with Verbatim: `assets/corpus/manifest.json` lists the
 * documents' metadata and each text is `assets/corpus/<id>.txt`, imported as
 * a string (Vite `?raw`), so it is part of the background bundle in WXT
 * builds and loads the same way under vitest.
 */
import { checkDocument } from '../core/corpus-file';
import type { DocumentMeta, SourceDocument } from '../core/types';

import manifest from '@/assets/corpus/manifest.json';

// Every .txt beside the manifest; adding a document is a manifest entry plus its file.
const TEXTS = import.meta.glob<string>('../../assets/corpus/*.txt', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/**
 * Bundled documents, checked like any import. A manifest entry without its
 * text or with bad metadata throws here: a broken build, caught by the tests.
 */
export const BUNDLED_DOCUMENTS: readonly SourceDocument[] = (
  manifest.documents as DocumentMeta[]
).map(meta => {
  const text = TEXTS[`../../assets/corpus/${meta.id}.txt`];
  const checked = checkDocument({ ...meta, text });
  if (!checked.ok) throw new Error(`bundled corpus: ${checked.error}`);
  return checked.value;
});
