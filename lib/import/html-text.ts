/**
 * The main text of an HTML page, for import: the page's article as plain
 * text, one paragraph per block separated by blank lines, without the site's
 * furniture (navigation, cookie banners, related links, footers, forms,
 * hidden elements). Text only: no markup survives, and nothing of the page is
 * run (a `DOMParser` document executes nothing).
 *
 * The article is found by Mozilla's Readability (the library behind
 * Firefox's Reader View), after the obvious furniture is dropped; when
 * Readability finds nothing substantial, by this module's own fallback (the
 * page's `article`, `main`, or largest block of paragraphs). The page's
 * headline (and byline) lead the text when the article body leaves them out:
 * a transcript's title line names its speaker.
 *
 * Also reads the metadata a page carries: title, publication date, site
 * name, canonical address, and whether it calls itself an article, from
 * `<title>`, `og:` and `article:` tags, JSON-LD, and `<time>`.
 */
import { Readability } from '@mozilla/readability';

/** What an HTML page yields. Missing metadata is absent, not empty. */
export interface HtmlContent {
  text: string;
  title?: string;
  /** ISO date (`YYYY-MM-DD`), when the page states one. */
  date?: string;
  publisher?: string;
  sourceUrl?: string;
  /** The page's JSON-LD or `og:type` says it is a news or blog article. */
  article?: boolean;
}

/** Test seam type: how HTML text becomes a document. */
export type HtmlParser = (html: string) => Document;

/** Elements whose content is never part of the text. */
const DROP =
  'script, style, noscript, template, svg, canvas, iframe, object, embed, video, audio, ' +
  'nav, aside, form, button, select, input, textarea, dialog, menu, ' +
  '[hidden], [aria-hidden="true"], [role="navigation"], [role="banner"], ' +
  '[role="contentinfo"], [role="complementary"], [role="search"], [role="dialog"], ' +
  '[role="alertdialog"], [aria-modal="true"], ' +
  // Consent and cookie banners, however the site names them.
  '[id*="cookie" i], [class*="cookie" i], [id*="consent" i], [class*="consent" i]';

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
  return extractFromDocument(doc);
}

/**
 * The same from a parsed document (which is changed: furniture is removed
 * from it). For a page the content script serialised, parsed by `DOMParser`.
 */
export function extractFromDocument(doc: Document): HtmlContent {
  const meta = readMeta(doc);
  // The headline and byline as the page prints them, before anything is removed.
  const headline = clean(doc.querySelector('article h1, main h1, h1')?.textContent);
  const byline = clean(
    doc.querySelector('article [class*="byline" i], article [rel="author"], [class*="byline" i]')
      ?.textContent,
  );
  for (const el of Array.from(doc.querySelectorAll(DROP))) el.remove();
  // A page's header and footer are furniture; an article's own (title, byline) are not.
  for (const el of Array.from(doc.querySelectorAll('header, footer'))) {
    if (!el.parentElement?.closest('article')) el.remove();
  }
  let text = readableText(doc);
  if (text.length < MIN_MAIN_CHARS) {
    const root = mainElement(doc);
    const fallback = root ? blockText(root) : '';
    if (fallback.length > text.length) text = fallback;
  }
  if (text) text = withLead(text, headline, byline);
  return { text, ...meta };
}

/** The article Readability finds in `doc` (left unchanged: it works on a copy), as text; '' if none. */
function readableText(doc: Document): string {
  let article: ReturnType<Readability<Node>['parse']>;
  try {
    const copy = doc.cloneNode(true) as Document;
    article = new Readability<Node>(copy, {
      charThreshold: MIN_MAIN_CHARS,
      // The content as a node: turned into text here, never into markup.
      serializer: node => node,
      // The metadata is read from the page itself (readMeta).
      disableJSONLD: true,
    }).parse();
  } catch {
    return '';
  }
  const content = article?.content;
  if (!content || content.nodeType !== 1) return '';
  return blockText(content as Element);
}

/**
 * Readability leaves out the headline and byline it recognises: put them back
 * in front (headline, then byline), where the page printed them.
 */
function withLead(text: string, headline?: string, byline?: string): string {
  const has = (line: string) => squash(text.slice(0, 2000)).includes(squash(line));
  if (byline && !has(byline)) {
    const first = text.indexOf('\n\n');
    const opensWithHeadline =
      !!headline && first > 0 && squash(text.slice(0, first)) === squash(headline);
    text = opensWithHeadline
      ? `${text.slice(0, first)}\n\n${byline}${text.slice(first)}`
      : `${byline}\n\n${text}`;
  }
  if (headline && !has(headline)) text = `${headline}\n\n${text}`;
  return text;
}

function clean(value: string | null | undefined): string | undefined {
  const text = value?.replace(/\s+/g, ' ').trim();
  return text || undefined;
}

function squash(value: string): string {
  return value.replace(/\s+/g, ' ').trim().toLowerCase();
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
  const ld = jsonLd(doc);
  const h1 = doc.querySelector('article h1, main h1, h1')?.textContent?.replace(/\s+/g, ' ').trim();
  const title =
    metaContent('meta[property="og:title"]') ||
    ld.headline ||
    h1 ||
    doc.querySelector('title')?.textContent?.replace(/\s+/g, ' ').trim() ||
    undefined;
  const rawDate =
    metaContent('meta[property="article:published_time"]') ??
    ld.datePublished ??
    metaContent('meta[name="date"]') ??
    metaContent('meta[name="dc.date"]') ??
    metaContent('meta[name="DC.date.issued"]') ??
    metaContent('meta[itemprop="datePublished"]') ??
    doc.querySelector('article time[datetime], time[datetime]')?.getAttribute('datetime') ??
    undefined;
  const date = rawDate ? isoDate(rawDate) : undefined;
  const publisher =
    metaContent('meta[property="og:site_name"]') ??
    ld.publisher ??
    metaContent('meta[name="publisher"]') ??
    metaContent('meta[name="author"]');
  const url =
    doc.querySelector('link[rel="canonical"]')?.getAttribute('href')?.trim() ??
    metaContent('meta[property="og:url"]') ??
    ld.url;
  const sourceUrl = url && /^https?:\/\//i.test(url) ? url : undefined;
  const article =
    ld.article || /^article$/i.test(metaContent('meta[property="og:type"]') ?? '') || undefined;
  return {
    ...(title ? { title } : {}),
    ...(date ? { date } : {}),
    ...(publisher ? { publisher } : {}),
    ...(sourceUrl ? { sourceUrl } : {}),
    ...(article ? { article } : {}),
  };
}

interface LdFacts {
  headline?: string;
  datePublished?: string;
  publisher?: string;
  url?: string;
  article?: boolean;
}

/** Schema.org types of news and blog articles. */
const ARTICLE_TYPES =
  /^(Article|NewsArticle|ReportageNewsArticle|AnalysisNewsArticle|BlogPosting|OpinionNewsArticle)$/;

/** The first JSON-LD object on the page that describes a creative work (article, web page). */
function jsonLd(doc: Document): LdFacts {
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    const nodes: unknown[] = [];
    const collect = (value: unknown) => {
      if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === 'object') {
        nodes.push(value);
        collect((value as Record<string, unknown>)['@graph']);
      }
    };
    collect(data);
    for (const node of nodes) {
      const o = node as Record<string, unknown>;
      const types = ([] as unknown[]).concat(o['@type']).filter(t => typeof t === 'string');
      if (!types.some(t => /Article|Posting|WebPage|Report|CreativeWork/.test(t as string)))
        continue;
      const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
      const publisher = o.publisher as Record<string, unknown> | string | undefined;
      return {
        headline: str(o.headline) ?? str(o.name),
        datePublished: str(o.datePublished) ?? str(o.dateCreated),
        publisher: typeof publisher === 'string' ? str(publisher) : str(publisher?.name),
        url: str(o.url),
        article: types.some(t => ARTICLE_TYPES.test(t as string)),
      };
    }
  }
  return {};
}

/** `2022-01-07` from `2022-01-07T12:00:00Z` and the like; undefined if it is not a date. */
function isoDate(value: string): string | undefined {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(value.trim());
  if (!match) return undefined;
  return [match[1], match[2], match[3]].filter(Boolean).join('-');
}
