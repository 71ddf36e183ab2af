/**
 * Addresses of the reader page (`reader.html?doc=<id>&start=<n>&end=<n>`),
 * built by the quote popover and the popup, read by the reader. Pure.
 */

/** What the reader shows: a document, and optionally a passage in it to scroll to. */
export interface ReaderTarget {
  documentId: string;
  /** Passage offsets in the document's text (both or neither). */
  start?: number;
  end?: number;
}

/**
 * The reader's address for `target`.
 * @param base - The reader page's own address (`browser.runtime.getURL('/reader.html')`).
 */
export function readerHref(base: string, target: ReaderTarget): string {
  const params = new URLSearchParams({ doc: target.documentId });
  if (target.start !== undefined && target.end !== undefined) {
    params.set('start', String(target.start));
    params.set('end', String(target.end));
  }
  return `${base}?${params.toString()}`;
}

/** The target in a reader address's query string; null without a `doc`. Bad offsets are dropped. */
export function parseReaderTarget(search: string): ReaderTarget | null {
  const params = new URLSearchParams(search);
  const documentId = params.get('doc');
  if (!documentId) return null;
  const start = toOffset(params.get('start'));
  const end = toOffset(params.get('end'));
  if (start === undefined || end === undefined || end <= start) return { documentId };
  return { documentId, start, end };
}

function toOffset(value: string | null): number | undefined {
  if (value === null || !/^\d{1,9}$/.test(value)) return undefined;
  return Number(value);
}
