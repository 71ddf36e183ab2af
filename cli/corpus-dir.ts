/**
 * Reading a corpus from a directory (Node only): the bundled one in
 * `assets/corpus/`, or any directory of `.txt` / `.json` documents.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { idFromFileName, parseCorpusJson } from '../lib/core/corpus-file';
import type { DocumentMeta, SourceDocument } from '../lib/core/types';

export const BUNDLED_CORPUS_DIR = fileURLToPath(new URL('../assets/corpus/', import.meta.url));

/** Files read at once: enough to keep the disk busy, few enough not to run out of descriptors. */
const READ_CONCURRENCY = 64;

/**
 * Read every `.txt` and `.json` document of a directory. A `manifest.json`
 * (`{ "documents": [DocumentMeta, …] }`) supplies metadata for the `.txt`
 * files named `<id>.txt`; without one, a `.txt` file's id is its stem and its
 * title its first line.
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

async function readDocumentFile(
  path: string,
  metas: Map<string, DocumentMeta>,
): Promise<SourceDocument[]> {
  const text = await readFile(path, 'utf8');
  if (/\.json$/i.test(path)) {
    const parsed = parseCorpusJson(text);
    if (!parsed.ok) throw new Error(`${path}: ${parsed.error}`);
    return parsed.value;
  }
  const id = idFromFileName(path);
  const meta = metas.get(id);
  if (meta) return [{ ...meta, text }];
  const firstLine =
    text
      .split('\n')
      .find(l => l.trim())
      ?.trim() ?? id;
  return [{ id, title: firstLine.slice(0, 200), kind: 'other', date: '', publisher: '', text }];
}
