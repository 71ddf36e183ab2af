/**
 * Reading an article file for `check`: bytes to text (any common encoding, as
 * the options page's import reads them), then quotes, with the same detectors
 * the extension uses.
 */
import { readFile } from 'node:fs/promises';

import { parseHTML } from 'linkedom';

import { detectQuotes } from '../lib/core/detect-quotes';
import type { DetectedQuote, Span } from '../lib/core/types';
import { collectTextBlocks, findQuotesInDom, toDetectedQuote } from '../lib/dom/find-quotes';
import { declaredHtmlCharset, decodeBytes } from '../lib/import/decode-text';

/** A quote found in a file. */
export interface FoundQuote {
  text: string;
  /** Who the page says said it, if anyone. */
  attribution?: string;
}

/** Largest article read (bytes): a page is not a book. */
export const MAX_ARTICLE_BYTES = 20_000_000;

async function readInput(file: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    if (file === '-') {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      bytes = Buffer.concat(chunks);
    } else bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : (e as Error).message;
    throw new Error(`cannot read ${file}: ${why}`, { cause: e });
  }
  if (bytes.length > MAX_ARTICLE_BYTES) {
    throw new Error(
      `${file} is too large (${bytes.length} bytes; the limit is ${MAX_ARTICLE_BYTES})`,
    );
  }
  const decoded = decodeBytes(
    bytes,
    file,
    /\.html?$/i.test(file) ? declaredHtmlCharset(bytes) : undefined,
  );
  if (!decoded.ok) throw new Error(decoded.error);
  return decoded.text;
}

/** Paragraphs of a plain-text or Markdown article: blocks separated by blank lines, lines joined. */
export function textBlocks(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map(block =>
      block
        .split('\n')
        .map(line => line.replace(/^\s*(?:#{1,6}\s+|>\s?|[-*+]\s+)/, '').trim())
        .join(' ')
        .trim(),
    )
    .filter(Boolean);
}

/** An article read for checking: its paragraphs and the quotes found in them. */
export interface Article {
  /** Paragraph texts, in reading order (block numbers of `DetectedQuote`s index them). */
  blocks: string[];
  quotes: DetectedQuote[];
}

/** An article file's paragraphs and quotes (`.html`/`.htm` as a DOM; anything else, or `-`, as text). */
export async function readArticle(file: string): Promise<Article> {
  const text = await readInput(file);
  if (/\.html?$/i.test(file)) {
    const { document } = parseHTML(text);
    const root = (document.body ?? document.documentElement) as unknown as Element;
    return {
      blocks: collectTextBlocks(root).map(b => b.text),
      quotes: findQuotesInDom(root).map(toDetectedQuote),
    };
  }
  const blocks = textBlocks(text);
  return { blocks, quotes: detectQuotes(blocks) };
}

/** The quotes of an article file. */
export async function quotesInFile(file: string): Promise<FoundQuote[]> {
  return (await readArticle(file)).quotes.map(q => ({
    text: q.text,
    ...(q.attribution ? { attribution: q.attribution } : {}),
  }));
}

/** For each paragraph of an article, the stretches its quotes cover (to leave out of copy detection). */
export function quotedSpans(article: Article): Span[][] {
  const spans: Span[][] = article.blocks.map(() => []);
  for (const q of article.quotes) {
    for (const p of q.pieces ?? [{ block: q.block, start: q.start, end: q.end }]) {
      spans[p.block]?.push({ start: p.start, end: p.end });
    }
  }
  return spans;
}
