/**
 * The main text of an HTML page, for import: the page's article (or `main`,
 * or else its largest block of paragraphs) as plain text, one paragraph per
 * block separated by blank lines, with scripts, styles, navigation, headers,
 * footers, forms and hidden elements dropped. Text only: no markup survives,
 * and nothing of the page is run (a `DOMParser` document executes nothing).
 *
 * Also reads the metadata a page usually carries: title, publication date,
 * site name and canonical address.
 */

/** What an HTML page yields. Missing metadata is absent, not empty. */
export interface HtmlContent {
  text: string;
  title?: string;
  /** ISO date (`YYYY-MM-DD`), when the page states one. */
  date?: string;
  publisher?: string;
  sourceUrl?: string;
}

/** Test seam type: how HTML text becomes a document. */
export type HtmlParser = (html: string) => Document;

/** Elements whose content is never part of the text. */
const DROP =
  'script, style, noscript, template, svg, canvas, iframe, object, embed, video, audio, ' +
  'nav, aside, form, button, select, input, textarea, dialog, menu, ' +
  '[hidden], [aria-hidden="true"], [role="navigation"], [role="banner"], ' +
  '[role="contentinfo"], [role="complementary"], [role="search"]';

/** Elements that start a new line (their text is a paragraph of its own). */
const BLOCKS = new Set([
  'ADDRESS',
  'ARTICLE',
  'BLOCKQUOTE',
  'DD',
  'DETAILS',
  'DIV',
  'DL',
  'DT',
  'FIGCAPTION',
  'FIGURE',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HR',
  'LI',
  'MAIN',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TR',
  'UL',
]);

/** A candidate block must hold at least this much paragraph text to be the main text. */
const MIN_MAIN_CHARS = 200;

export function defaultHtmlParser(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

/**
 * Extract the main text and metadata of an HTML page.
 *
 * @param parse - Test seam: how the HTML is parsed (`DOMParser` by default).
 */
export function extractHtml(html: string, parse: HtmlParser = defaultHtmlParser): HtmlContent {
  const doc = parse(html);
  const meta = readMeta(doc);
  for (const el of Array.from(doc.querySelectorAll(DROP))) el.remove();
  // A page's header and footer are furniture; an article's own (title, byline) are not.
  for (const el of Array.from(doc.querySelectorAll('header, footer'))) {
    if (!el.parentElement?.closest('article')) el.remove();
  }
  const root = mainElement(doc);
  const text = root ? blockText(root) : '';
  return { text, ...meta };
}

/** The element holding the page's main text. */
function mainElement(doc: Document): Element | null {
  const body = doc.body ?? doc.documentElement;
  if (!body) return null;
  // The largest article, if there is a substantial one (pages list teasers as articles too).
  const articles = Array.from(doc.querySelectorAll('article'));
  const article = largest(articles);
  if (article && textLength(article) >= MIN_MAIN_CHARS) return article;
  const main = doc.querySelector('main, [role="main"]');
  if (main && textLength(main) >= MIN_MAIN_CHARS) return main;
  // Else the element whose own paragraphs hold the most text.
  const scores = new Map<Element, number>();
  for (const p of Array.from(body.querySelectorAll('p, pre, blockquote, li'))) {
    const parent = p.parentElement;
    if (!parent) continue;
    scores.set(parent, (scores.get(parent) ?? 0) + textLength(p));
  }
  let best: Element | null = null;
  let bestScore = 0;
  for (const [el, score] of scores) {
    if (score > bestScore) {
      best = el;
      bestScore = score;
    }
  }
  if (best && bestScore >= MIN_MAIN_CHARS) return best;
  return article ?? main ?? body;
}

function largest(elements: Element[]): Element | null {
  let best: Element | null = null;
  for (const el of elements) if (!best || textLength(el) > textLength(best)) best = el;
  return best;
}

function textLength(el: Element): number {
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim().length;
}

/**
 * The text of `root`: inline runs with their whitespace collapsed, block
 * elements as paragraphs separated by a blank line, `<br>` as a line break.
 */
function blockText(root: Element): string {
  const paragraphs: string[] = [];
  let current = '';
  const flush = () => {
    const line = current
      .split('\n')
      .map(l => l.replace(/[ \t\f\r\u00a0]+/g, ' ').trim())
      .filter(Boolean)
      .join('\n');
    if (line) paragraphs.push(line);
    current = '';
  };
  const walk = (node: Node, pre: boolean) => {
    if (node.nodeType === 3) {
      const value = node.nodeValue ?? '';
      current += pre ? value : value.replace(/\s+/g, ' ');
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    const tag = el.tagName.toUpperCase();
    if (tag === 'BR') {
      current += '\n';
      return;
    }
    const block = BLOCKS.has(tag);
    if (block) flush();
    if (tag === 'LI') current += '- ';
    const isPre = pre || tag === 'PRE';
    for (const child of Array.from(el.childNodes)) walk(child, isPre);
    if (tag === 'TD' || tag === 'TH') current += ' ';
    if (block) flush();
  };
  walk(root, false);
  flush();
  return paragraphs.join('\n\n');
}

function readMeta(doc: Document): Omit<HtmlContent, 'text'> {
  const metaContent = (selector: string) =>
    doc.querySelector(selector)?.getAttribute('content')?.trim() || undefined;
  const h1 = doc.querySelector('article h1, main h1, h1')?.textContent?.replace(/\s+/g, ' ').trim();
  const title =
    metaContent('meta[property="og:title"]') ||
    h1 ||
    doc.querySelector('title')?.textContent?.replace(/\s+/g, ' ').trim() ||
    undefined;
  const rawDate =
    metaContent('meta[property="article:published_time"]') ??
    metaContent('meta[name="date"]') ??
    metaContent('meta[name="dc.date"]') ??
    metaContent('meta[itemprop="datePublished"]') ??
    doc.querySelector('time[datetime]')?.getAttribute('datetime') ??
    undefined;
  const date = rawDate ? isoDate(rawDate) : undefined;
  const publisher =
    metaContent('meta[property="og:site_name"]') ??
    metaContent('meta[name="publisher"]') ??
    metaContent('meta[name="author"]');
  const url =
    doc.querySelector('link[rel="canonical"]')?.getAttribute('href')?.trim() ??
    metaContent('meta[property="og:url"]');
  const sourceUrl = url && /^https?:\/\//i.test(url) ? url : undefined;
  return {
    ...(title ? { title } : {}),
    ...(date ? { date } : {}),
    ...(publisher ? { publisher } : {}),
    ...(sourceUrl ? { sourceUrl } : {}),
  };
}

/** `2022-01-07` from `2022-01-07T12:00:00Z` and the like; undefined if it is not a date. */
function isoDate(value: string): string | undefined {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(value.trim());
  if (!match) return undefined;
  return [match[1], match[2], match[3]].filter(Boolean).join('-');
}
