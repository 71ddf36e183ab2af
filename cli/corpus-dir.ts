/**
 * Reading a corpus from a directory (Node only): the bundled one in
 * `assets/corpus/`, or any directory of `.txt` / `.json` documents.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { idFromFileName } from '../lib/core/corpus-file';
import type { DocumentMeta, SourceDocument } from '../lib/core/types';
import { readImportFile } from '../lib/import/read-files';

export const BUNDLED_CORPUS_DIR = fileURLToPath(new URL('../assets/corpus/', import.meta.url));

/** Files read at once: enough to keep the disk busy, few enough not to run out of descriptors. */
const READ_CONCURRENCY = 64;

/**
 * Read every `.txt` and `.json` document of a directory. A `manifest.json`
 * (`{ "documents": [DocumentMeta, …] }`) supplies metadata for the `.txt`
 * files named `<id>.txt`; without one, a `.txt` file's id is its stem, and its
 * title, date and kind are guessed as the options page's import guesses them.
 *
 * @throws Error with a one-line message when the directory or a file cannot be read.
 */
export async function readCorpusDir(dir: string): Promise<SourceDocument[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch (e) {
    throw new Error(
      `cannot read corpus directory ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      { cause: e },
    );
  }
  const metas = new Map<string, DocumentMeta>();
  if (names.includes('manifest.json')) {
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as {
      documents?: DocumentMeta[];
    };
    for (const meta of manifest.documents ?? []) metas.set(meta.id, meta);
  }
  const files = names.filter(n => /\.(txt|json)$/i.test(n) && n !== 'manifest.json');
  const documents: SourceDocument[][] = new Array(files.length);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      documents[i] = await readDocumentFile(join(dir, files[i]!), metas);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, files.length) }, worker));
  const all = documents.flat();
  if (all.length === 0) throw new Error(`no .txt or .json documents in ${dir}`);
  return all;
}

/**
 * One file through the options page's import reader (`readImportFile`, then
 * `documentFromText`): the same decoding, the same guesses of title, date and
 * kind. A manifest's metadata is kept as given.
 */
async function readDocumentFile(
  path: string,
  metas: Map<string, DocumentMeta>,
): Promise<SourceDocument[]> {
  const bytes = new Uint8Array(await readFile(path));
  const file = {
    name: basename(path),
    size: bytes.length,
    arrayBuffer: async () => bytes.slice().buffer,
  };
  const result = await readImportFile(file);
  if (!result.ok) throw new Error(`${path}: ${result.error}`);
  const meta = /\.json$/i.test(path) ? undefined : metas.get(idFromFileName(path));
  return meta ? result.documents.map(d => ({ ...d, ...meta, text: d.text })) : result.documents;
}
