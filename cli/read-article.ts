/**
 * Reading an article file for `check`: bytes to text (any common encoding),
 * then quotes, with the same detectors the extension uses.
 */
import { readFile } from 'node:fs/promises';

import { parseHTML } from 'linkedom';

import { detectQuotes } from '../lib/core/detect-quotes';
import { findQuotesInDom } from '../lib/dom/find-quotes';

/** A quote found in a file. */
export interface FoundQuote {
  text: string;
  /** Who the page says said it, if anyone. */
  attribution?: string;
}

/** Largest article read (bytes): a page is not a book. */
export const MAX_ARTICLE_BYTES = 20_000_000;

/**
 * Decode a file's bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, or
 * Windows-1252 when the bytes are not valid UTF-8.
 *
 * @throws Error when the bytes look binary (NUL bytes in UTF-8 text).
 */
export function decodeText(bytes: Uint8Array, name: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes.subarray(0, 8000).includes(0))
    throw new Error(`${name} looks like a binary file, not text`);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // Node's decoder for this label is ISO-8859-1: map the C1 range to Windows-1252's letters.
    return new TextDecoder('windows-1252')
      .decode(bytes)
      .replace(/[\u0080-\u009f]/g, c => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80] ?? c);
  }
}

/** Windows-1252's characters for bytes 0x80–0x9F (undefined bytes kept as they are). */
const WINDOWS_1252_C1 = [
  '€',
  '\u0081',
  '‚',
  'ƒ',
  '„',
  '…',
  '†',
  '‡',
  'ˆ',
  '‰',
  'Š',
  '‹',
  'Œ',
  '\u008d',
  'Ž',
  '\u008f',
  '\u0090',
  '‘',
  '’',
  '“',
  '”',
  '•',
  '–',
  '—',
  '˜',
  '™',
  'š',
  '›',
  'œ',
  '\u009d',
  'ž',
  'Ÿ',
];

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
  return decodeText(bytes, file);
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

/** The quotes of an article file (`.html`/`.htm` as a DOM; anything else, or `-`, as text). */
export async function quotesInFile(file: string): Promise<FoundQuote[]> {
  const text = await readInput(file);
  if (/\.html?$/i.test(file)) {
    const { document } = parseHTML(text);
    const root = document.body ?? document.documentElement;
    return findQuotesInDom(root as unknown as Element).map(q => ({
      text: q.text,
      ...(q.attribution ? { attribution: q.attribution } : {}),
    }));
  }
  return detectQuotes(textBlocks(text)).map(q => ({
    text: q.text,
    ...(q.attribution ? { attribution: q.attribution } : {}),
  }));
}
