/**
 * A PDF's text layer → plain text with a page map, for import. pdf.js
 * (`pdfjs-dist`) reads the file; this module turns its positioned text runs
 * into lines and paragraphs (a wider gap between two lines than between the
 * lines of a paragraph starts a new paragraph) and records where each page
 * starts, so a passage can say "p. 12". The text then goes through the one
 * document reader (`documentFromText`), like every other format.
 *
 * pdf.js is passed in (`loadPdfjs`): the options page loads the browser
 * build with its worker bundled (`pdfjs-browser.ts`), Node (tests, the CLI)
 * the legacy build without a worker. Nothing is fetched: no fonts, no CMaps.
 */

/** The parts of pdf.js used here (structurally typed, so either build fits). */
export interface PdfjsLike {
  getDocument(src: {
    data: Uint8Array;
    isEvalSupported?: boolean;
    disableFontFace?: boolean;
    useSystemFonts?: boolean;
    stopAtErrors?: boolean;
    verbosity?: number;
  }): { promise: Promise<PdfDocumentLike>; destroy(): Promise<void> };
}

interface PdfDocumentLike {
  numPages: number;
  getPage(n: number): Promise<{
    getTextContent(): Promise<{ items: ReadonlyArray<PdfTextItem | { type: string }> }>;
    cleanup(): unknown;
  }>;
  getMetadata(): Promise<{ info?: unknown }>;
  destroy(): Promise<void>;
}

interface PdfTextItem {
  str: string;
  hasEOL: boolean;
  /** `[a, b, c, d, x, y]`: `y` is the baseline, `d` (or `height`) about the font size. */
  transform: number[];
  height: number;
}

export type PdfjsLoader = () => Promise<PdfjsLike>;

/** What a PDF yields. */
export interface PdfContent {
  text: string;
  /** Offset in `text` where each page starts (`pages[0]` is page 1, always 0). */
  pages: number[];
  title?: string;
  date?: string;
  publisher?: string;
}

export type PdfResult = { ok: true; value: PdfContent } | { ok: false; error: string };

export interface PdfOptions {
  /** Told after each page is read (`done` of `total`). */
  onPage?: (done: number, total: number) => void;
  /** Test seam: lets the page paint between pages (a macrotask by default). */
  yieldToUi?: () => Promise<void>;
}

/** A PDF with fewer letters than this per page on average has no usable text layer. */
const MIN_CHARS_PER_PAGE = 20;

/** Read a PDF's text; never throws. `name` is only used in messages. */
export async function extractPdf(
  bytes: Uint8Array,
  name: string,
  loadPdfjs: PdfjsLoader,
  options: PdfOptions = {},
): Promise<PdfResult> {
  const { onPage, yieldToUi = nextTask } = options;
  let pdfjs: PdfjsLike;
  try {
    pdfjs = await loadPdfjs();
  } catch (e) {
    return {
      ok: false,
      error: `${name} could not be read: the PDF reader did not load (${message(e)})`,
    };
  }
  // pdf.js takes the buffer over (transfers it to its worker): give it a copy.
  const task = pdfjs.getDocument({
    data: bytes.slice(),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    // Errors only: missing standard-font data (never fetched) is not a problem for text.
    verbosity: 0,
  });
  let doc: PdfDocumentLike;
  try {
    doc = await task.promise;
  } catch (e) {
    void task.destroy().catch(() => undefined);
    return { ok: false, error: openError(name, e) };
  }
  try {
    const pageTexts: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      pageTexts.push(pageText(content.items.filter(isTextItem)));
      page.cleanup();
      onPage?.(n, doc.numPages);
      if (n < doc.numPages) await yieldToUi();
    }
    const letters = pageTexts.reduce((sum, t) => sum + t.replace(/\s+/g, '').length, 0);
    if (letters < Math.max(1, doc.numPages) * MIN_CHARS_PER_PAGE && letters < 200) {
      return {
        ok: false,
        error: `${name} has no text: it is probably a scanned image. Verbatim cannot read images; paste the text instead.`,
      };
    }
    let text = '';
    const pages: number[] = [];
    for (const t of pageTexts) {
      if (text && t) text += '\n\n';
      pages.push(text.length);
      text += t;
    }
    const meta = await readInfo(doc);
    return { ok: true, value: { text, pages, ...meta } };
  } catch (e) {
    return { ok: false, error: `${name} is damaged: a page could not be read (${message(e)})` };
  } finally {
    void doc.destroy().catch(() => undefined);
  }
}

function isTextItem(item: PdfTextItem | { type: string }): item is PdfTextItem {
  return typeof (item as PdfTextItem).str === 'string';
}

interface Line {
  text: string;
  y: number;
  size: number;
}

/**
 * One page's runs → text: runs on one baseline make a line; a line gap
 * clearly wider than the page's usual one (or than the font size) starts a
 * paragraph (a blank line).
 */
function pageText(items: readonly PdfTextItem[]): string {
  const lines: Line[] = [];
  let current: Line | null = null;
  for (const item of items) {
    const y = item.transform[5] ?? 0;
    const size = Math.abs(item.transform[3] ?? 0) || item.height || 10;
    if (current && Math.abs(current.y - y) > size * 0.5 && item.str.trim()) {
      lines.push(current);
      current = null;
    }
    if (!current) current = { text: '', y, size };
    current.text += item.str;
    current.size = Math.max(current.size, size);
    if (item.hasEOL) {
      lines.push(current);
      current = null;
    }
  }
  if (current) lines.push(current);
  const kept = lines
    .map(l => ({ ...l, text: l.text.replace(/[ \t\u00a0]+/g, ' ').trim() }))
    .filter(l => l.text);
  if (kept.length === 0) return '';
  const gaps: number[] = [];
  for (let i = 1; i < kept.length; i++) {
    const gap = kept[i - 1]!.y - kept[i]!.y;
    if (gap > 0) gaps.push(gap);
  }
  gaps.sort((a, b) => a - b);
  // The usual line gap: the lower quartile (paragraph gaps are the larger ones).
  const usual = gaps[Math.floor((gaps.length - 1) / 4)] ?? 0;
  let out = kept[0]!.text;
  for (let i = 1; i < kept.length; i++) {
    const prev = kept[i - 1]!;
    const line = kept[i]!;
    const gap = prev.y - line.y;
    // Up the page (a new column), or a gap wider than a line and wider than usual (double-
    // spaced transcripts have wide usual gaps): a new paragraph.
    const paragraph = gap < 0 || (gap > prev.size * 1.6 && gap > usual * 1.3);
    out += paragraph ? '\n\n' : '\n';
    out += line.text;
  }
  return out;
}

async function readInfo(doc: PdfDocumentLike): Promise<Omit<PdfContent, 'text' | 'pages'>> {
  let info: Record<string, unknown> = {};
  try {
    const meta = await doc.getMetadata();
    if (meta.info && typeof meta.info === 'object') info = meta.info as Record<string, unknown>;
  } catch {
    return {};
  }
  const str = (key: string) => {
    const value = info[key];
    return typeof value === 'string' && value.trim()
      ? value.replace(/\s+/g, ' ').trim()
      : undefined;
  };
  const title = str('Title');
  // `D:20220107120000Z` → 2022-01-07.
  const raw = str('CreationDate');
  const m = raw ? /^(?:D:)?(\d{4})(\d{2})?(\d{2})?/.exec(raw) : null;
  const date = m ? [m[1], m[2], m[3]].filter(Boolean).join('-') : undefined;
  const publisher = str('Author');
  return {
    ...(title && !/^untitled|\.(docx?|pdf)$|^microsoft word/i.test(title) ? { title } : {}),
    ...(date ? { date } : {}),
    ...(publisher ? { publisher } : {}),
  };
}

function openError(name: string, e: unknown): string {
  const kind = (e as { name?: string } | null)?.name;
  if (kind === 'PasswordException') {
    return `${name} is protected by a password. Verbatim cannot open it: save a copy without the password, or paste the text instead.`;
  }
  if (kind === 'InvalidPDFException' || kind === 'FormatError') {
    return `${name} is damaged or is not really a PDF, and could not be read.`;
  }
  return `${name} could not be read as a PDF (${message(e)}).`;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function nextTask(): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, 0));
}
