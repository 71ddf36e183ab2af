/**
 * Files picked or dropped on the options page → documents to preview, one
 * result per file: its documents, or a message saying why it cannot be
 * imported (empty, binary, too large, malformed). Reading never saves
 * anything: the caller shows the results, and saves what the user confirms.
 *
 * Formats: `.txt` and `.md` (text, Markdown cleaned), `.html` (the page's
 * main text, see `html-text.ts`), `.json` (Verbatim's export format, one
 * document, or a list of them; see `corpus-file.ts`).
 */
import { MAX_DOCUMENT_CHARS, parseCorpusJson } from '../core/corpus-file';
import type { SourceDocument } from '../core/types';
import { declaredHtmlCharset, decodeBytes } from './decode-text';
import { defaultHtmlParser, extractHtml, type HtmlParser } from './html-text';
import { documentFromText, markdownToText, type KnownMeta } from './text-document';

export type ImportFormat = 'txt' | 'md' | 'html' | 'json';

/** What reading needs of a `File` (a `File` is one). */
export interface FileLike {
  readonly name: string;
  readonly size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** One file's outcome. */
export type FileResult =
  | {
      name: string;
      ok: true;
      format: ImportFormat;
      /** The encoding the bytes were read as (`utf-8`, `windows-1252`, …). */
      encoding: string;
      documents: SourceDocument[];
    }
  | { name: string; ok: false; error: string };

/** Progress of a batch: `done` files of `total` are read; `current` is being read now. */
export interface ReadProgress {
  done: number;
  total: number;
  current?: string;
}

export interface ReadOptions {
  onProgress?: (progress: ReadProgress) => void;
  /** Test seam: how to let the page paint between files (a macrotask by default). */
  yieldToUi?: () => Promise<void>;
  /** Test seam: the HTML parser. */
  parseHtml?: HtmlParser;
}

/**
 * Largest file read (bytes). An export of a big corpus is the largest thing
 * imported; a page or a transcript is far smaller. Larger files are refused
 * before reading a byte.
 */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/** The file extensions Verbatim imports, by format. */
const EXTENSIONS: Record<string, ImportFormat> = {
  txt: 'txt',
  text: 'txt',
  md: 'md',
  markdown: 'md',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  json: 'json',
};

/** For the file picker's `accept` attribute. */
export const ACCEPTED_EXTENSIONS = Object.keys(EXTENSIONS).map(ext => `.${ext}`);

/** The format a file name stands for, or null if Verbatim does not import it. */
export function formatOf(name: string): ImportFormat | null {
  const ext = /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase();
  return (ext && EXTENSIONS[ext]) || null;
}

/**
 * Read files one after another, yielding to the page between files so a
 * progress bar can paint. One file's failure does not stop the others.
 */
export async function readImportFiles(
  files: readonly FileLike[],
  options: ReadOptions = {},
): Promise<FileResult[]> {
  const { onProgress, yieldToUi = nextTask } = options;
  const results: FileResult[] = [];
  for (const [i, file] of files.entries()) {
    onProgress?.({ done: i, total: files.length, current: file.name });
    await yieldToUi();
    results.push(await readImportFile(file, options.parseHtml));
  }
  onProgress?.({ done: files.length, total: files.length });
  return results;
}

/** Read one file; never throws. */
export async function readImportFile(
  file: FileLike,
  parseHtml: HtmlParser = defaultHtmlParser,
): Promise<FileResult> {
  const { name } = file;
  if (!formatOf(name)) return readDocument({ name, bytes: new Uint8Array() }); // the refusal
  if (file.size === 0) return { name, ok: false, error: `${name} is empty` };
  if (file.size > MAX_IMPORT_BYTES) {
    return {
      name,
      ok: false,
      error: `${name} is too large (${formatBytes(file.size)}; the limit is ${formatBytes(MAX_IMPORT_BYTES)})`,
    };
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (e) {
    return {
      name,
      ok: false,
      error: `${name} could not be read (${e instanceof Error ? e.message : String(e)})`,
    };
  }
  return readDocument({ name, bytes }, { parseHtml });
}

/** What {@link readDocument} reads: a file's bytes (or text already decoded), its name, and what is known of it. */
export interface DocumentInput {
  /** The file name (or a name for pasted text / a page): picks the format and the id. */
  name: string;
  /** The raw bytes; decoded with {@link decodeBytes} (BOMs, UTF-16, declared charsets, Windows-1252). */
  bytes?: Uint8Array;
  /** Text already decoded (pasted text, a page's main text); used when `bytes` is absent. */
  text?: string;
  /**
   * Metadata known before guessing (a manifest, a page's tags, a PDF's info
   * dictionary): kept as given; only what is missing is guessed. With an
   * `id`, the document keeps that id instead of one made from the name.
   */
  meta?: KnownMeta & { id?: string };
}

/**
 * THE document reader: every way a document comes in (the options page's
 * import, `npm run check -- --corpus DIR`, a page the user adds) goes through
 * here, so that each gets the same decoding, the same guesses of title, date,
 * kind and publisher, and later the same parse (`parseDocument`).
 *
 * bytes or text + file name (+ known metadata) → the documents it holds
 * (one, or several for a Verbatim `.json` export), or a one-line error.
 * A new format (PDF, DOCX, a Readability page) turns its input into plain
 * text plus {@link KnownMeta} and calls this with `text` and `meta`.
 * Never throws.
 */
export function readDocument(
  input: DocumentInput,
  options: { parseHtml?: HtmlParser } = {},
): FileResult {
  const { name } = input;
  const fail = (error: string): FileResult => ({ name, ok: false, error });
  const format = formatOf(name) ?? (input.bytes === undefined ? 'txt' : null);
  if (!format) {
    return fail(
      `${name} is not a file type Verbatim imports (${['.txt', '.md', '.html', '.json'].join(', ')})`,
    );
  }
  let text: string;
  let encoding = 'utf-8';
  if (input.bytes !== undefined) {
    if (input.bytes.length === 0) return fail(`${name} is empty`);
    const decoded = decodeBytes(
      input.bytes,
      name,
      format === 'html' ? declaredHtmlCharset(input.bytes) : undefined,
    );
    if (!decoded.ok) return fail(decoded.error);
    ({ text, encoding } = decoded);
  } else text = input.text ?? '';
  if (!text.trim()) return fail(`${name} is empty (it holds only white space)`);

  if (format === 'json') {
    const parsed = parseCorpusJson(text);
    if (!parsed.ok) return fail(`${name}: ${parsed.error}`);
    // parseCorpusJson checks each document, their length included.
    return { name, ok: true, format, encoding, documents: parsed.value };
  }
  let plain: string;
  let meta: KnownMeta = {};
  if (format === 'html') {
    try {
      ({ text: plain, ...meta } = extractHtml(text, options.parseHtml ?? defaultHtmlParser));
    } catch (e) {
      return fail(`${name} could not be read as HTML (${(e as Error).message})`);
    }
  } else if (format === 'md') {
    ({ text: plain, meta } = markdownToText(text));
  } else {
    plain = text;
  }
  if (!plain.trim()) return fail(`${name} has no readable text`);
  // Before guessing metadata: guessing parses the text.
  if (plain.length > MAX_DOCUMENT_CHARS) {
    return fail(
      `${name} is too long (${formatCount(plain.length)} characters of text; the limit is ${formatCount(MAX_DOCUMENT_CHARS)})`,
    );
  }
  const { id, ...known } = input.meta ?? {};
  const doc = documentFromText(plain, name, { ...meta, ...definedOnly(known) });
  return { name, ok: true, format, encoding, documents: [id ? { ...doc, id } : doc] };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(o).filter(([, v]) => v !== undefined && v !== ''),
  ) as Partial<T>;
}

/**
 * Give documents of one batch distinct ids (two `notes.txt` from different
 * folders): later ones get `-2`, `-3`, … . Returns new objects; never mutates.
 */
export function distinctIds(documents: readonly SourceDocument[]): SourceDocument[] {
  const taken = new Set<string>();
  return documents.map(doc => {
    let id = doc.id;
    for (let n = 2; taken.has(id); n++) id = `${doc.id}-${n}`;
    taken.add(id);
    return id === doc.id ? doc : { ...doc, id };
  });
}

/** `1.5 MB`, `820 KB`, `12 bytes`. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  const mb = n / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

/** `5,000,000`. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

function nextTask(): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, 0));
}
