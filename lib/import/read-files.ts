/**
 * Files picked or dropped on the options page → documents to preview, one
 * result per file: its documents, or a message saying why it cannot be
 * imported (empty, binary, too large, malformed). Reading never saves
 * anything: the caller shows the results, and saves what the user confirms.
 *
 * Formats: `.txt` and `.md` (text, Markdown cleaned), `.html` (the page's
 * main text, see `html-text.ts`), `.pdf` (its text layer with a page map, see
 * `pdf-text.ts`), `.docx` (see `docx-text.ts`), `.json` (Verbatim's export
 * format, one document, or a list of them; see `corpus-file.ts`). Every format
 * but JSON becomes text and goes through the one document reader,
 * `documentFromText`.
 */
import { MAX_DOCUMENT_CHARS, parseCorpusJson } from '../core/corpus-file';
import type { SourceDocument } from '../core/types';
import { declaredHtmlCharset, decodeBytes } from './decode-text';
import { extractDocx, type MammothLoader } from './docx-text';
import { defaultHtmlParser, extractHtml, type HtmlParser } from './html-text';
import { extractPdf, type PdfjsLoader } from './pdf-text';
import { documentFromText, guessDate, markdownToText, type KnownMeta } from './text-document';

export type ImportFormat = 'txt' | 'md' | 'html' | 'json' | 'pdf' | 'docx';

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
  /** Pages of `current` read so far (a PDF). */
  pages?: { done: number; total: number };
}

export interface ReadOptions {
  onProgress?: (progress: ReadProgress) => void;
  /** Test seam: how to let the page paint between files (a macrotask by default). */
  yieldToUi?: () => Promise<void>;
  /** Test seam: the HTML parser. */
  parseHtml?: HtmlParser;
  /** How to load pdf.js (the browser build with its worker, or Node's legacy build). Without it, PDFs are refused. */
  loadPdfjs?: PdfjsLoader;
  /** How to load mammoth (default: a dynamic import). */
  loadMammoth?: MammothLoader;
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
  pdf: 'pdf',
  docx: 'docx',
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
    results.push(
      await readImportFile(file, {
        ...options,
        onPages: (done, total) =>
          onProgress?.({
            done: i,
            total: files.length,
            current: file.name,
            pages: { done, total },
          }),
      }),
    );
  }
  onProgress?.({ done: files.length, total: files.length });
  return results;
}

export interface ReadFileOptions extends Omit<ReadOptions, 'onProgress'> {
  /** Told after each page of a PDF. */
  onPages?: (done: number, total: number) => void;
}

/** Read one file; never throws. */
export async function readImportFile(
  file: FileLike,
  options: ReadFileOptions | HtmlParser = {},
): Promise<FileResult> {
  const opts: ReadFileOptions = typeof options === 'function' ? { parseHtml: options } : options;
  const parseHtml = opts.parseHtml ?? defaultHtmlParser;
  const { name } = file;
  const fail = (error: string): FileResult => ({ name, ok: false, error });
  const format = formatOf(name);
  if (!format) {
    return fail(
      `${name} is not a file type Verbatim imports (${['.txt', '.md', '.html', '.pdf', '.docx', '.json'].join(', ')})`,
    );
  }
  if (file.size === 0) return fail(`${name} is empty`);
  if (file.size > MAX_IMPORT_BYTES) {
    return fail(
      `${name} is too large (${formatBytes(file.size)}; the limit is ${formatBytes(MAX_IMPORT_BYTES)})`,
    );
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (e) {
    return fail(`${name} could not be read (${e instanceof Error ? e.message : String(e)})`);
  }
  if (format === 'pdf' || format === 'docx') return readBinaryDocument(name, format, bytes, opts);
  const decoded = decodeBytes(
    bytes,
    name,
    format === 'html' ? declaredHtmlCharset(bytes) : undefined,
  );
  if (!decoded.ok) return fail(decoded.error);
  const { text, encoding } = decoded;
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
      ({ text: plain, ...meta } = extractHtml(text, parseHtml));
    } catch (e) {
      return fail(`${name} could not be read as HTML (${(e as Error).message})`);
    }
  } else if (format === 'md') {
    ({ text: plain, meta } = markdownToText(text));
  } else {
    plain = text;
  }
  return fromText(name, format, encoding, plain, meta);
}

/** Text read from a file → the document to preview, through the one document reader. */
function fromText(
  name: string,
  format: ImportFormat,
  encoding: string,
  plain: string,
  meta: KnownMeta,
  pages?: number[],
): FileResult {
  const fail = (error: string): FileResult => ({ name, ok: false, error });
  if (!plain.trim()) return fail(`${name} has no readable text`);
  // Before guessing metadata: guessing parses the text.
  if (plain.length > MAX_DOCUMENT_CHARS) {
    return fail(
      `${name} is too long (${formatCount(plain.length)} characters of text; the limit is ${formatCount(MAX_DOCUMENT_CHARS)})`,
    );
  }
  const doc = documentFromText(plain, name, meta);
  // A page map only while the text is the one it maps (the reader keeps it unless it had CRs).
  const documents = [pages && pages.length > 1 && doc.text === plain ? { ...doc, pages } : doc];
  return { name, ok: true, format, encoding, documents };
}

/** A PDF or Word file: its own reader makes the text, then as any other text. */
async function readBinaryDocument(
  name: string,
  format: 'pdf' | 'docx',
  bytes: Uint8Array,
  options: ReadFileOptions,
): Promise<FileResult> {
  const fail = (error: string): FileResult => ({ name, ok: false, error });
  if (format === 'pdf') {
    if (!options.loadPdfjs) return fail(`${name}: PDF files cannot be read here`);
    const pdf = await extractPdf(bytes, name, options.loadPdfjs, {
      ...(options.onPages ? { onPage: options.onPages } : {}),
      ...(options.yieldToUi ? { yieldToUi: options.yieldToUi } : {}),
    });
    if (!pdf.ok) return fail(pdf.error);
    const { text, pages, date, ...meta } = pdf.value;
    // The file's creation date is when it was saved; a date the text states is the document's.
    const known: KnownMeta = !guessDate(text) && date ? { ...meta, date } : meta;
    return fromText(name, format, 'pdf', text, known, pages);
  }
  const docx = await extractDocx(bytes, name, options.loadMammoth);
  if (!docx.ok) return fail(docx.error);
  return fromText(name, format, 'docx', docx.text, {});
}

/** A page as the content script serialised it ("Add this page"). */
export interface PageSnapshot {
  url: string;
  html: string;
}

/**
 * The page the reader is on → the document to preview: its main text and
 * metadata as for an `.html` file, its address as the source when the page
 * names no canonical one, and an id from the address (`/briefings/press-briefing-…`
 * → `press-briefing-…`), so adding the same page again finds it.
 */
export function readPage(
  page: PageSnapshot,
  parseHtml: HtmlParser = defaultHtmlParser,
): FileResult {
  let content: ReturnType<typeof extractHtml>;
  try {
    content = extractHtml(page.html, parseHtml);
  } catch (e) {
    const error = `This page could not be read (${(e as Error).message})`;
    return { name: pageFileName(page.url), ok: false, error };
  }
  const { text, article, ...meta } = content;
  const address = webAddress(page.url);
  if (!meta.sourceUrl && address) meta.sourceUrl = address;
  // The id from the page's canonical address (the same page under another address is one page).
  const name = pageFileName(meta.sourceUrl ?? page.url);
  const result = fromText(name, 'html', 'utf-8', text, meta);
  if (!result.ok) return { ...result, error: result.error.replace(name, 'This page') };
  const [doc] = result.documents;
  // A page that calls itself an article, and has no speaker turns, is an article.
  if (doc && article && doc.kind === 'other') result.documents = [{ ...doc, kind: 'article' }];
  return result;
}

/** `https://gov.example/briefings/press-briefing-14-march/` → `press-briefing-14-march.html`. */
export function pageFileName(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'web-page.html';
  }
  const segments = parsed.pathname
    .split('/')
    .map(s => decodeURIComponent(s).replace(/\.(s?html?|php|aspx?)$/i, ''))
    .filter(s => s && !/^(index|default)$/i.test(s));
  const slug = (segments.at(-1) ?? parsed.hostname)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${slug || 'web-page'}.html`;
}

function webAddress(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
    parsed.hash = '';
    return parsed.href;
  } catch {
    return undefined;
  }
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
