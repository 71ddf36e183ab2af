/**
 * Finds the quotes a reader sees on a page: the DOM side of `lib/core/detect-quotes.ts`.
 *
 * The page is read as blocks of text, one per paragraph (block-level element), with white
 * space collapsed as a reader sees it and an exact map from every character back to its text
 * node. Quotation marks are found in that text by the pure core; `<q>` and `<blockquote>`
 * elements are quotes by markup. Each quote comes with the DOM positions of its words.
 *
 * Uses standard DOM only (no layout, no `TreeWalker`, no globals), so it runs in the content
 * script and, on linkedom or happy-dom, in Node. The document or root is always a parameter.
 *
 * Large pages: {@link scanQuotesInDom} is a generator that walks the DOM lazily and yields the
 * quotes found every `chunkSize` blocks, so a content script can give the main thread back
 * between chunks:
 *
 * ```ts
 * const chunks = scanQuotesInDom(document.body);
 * const step = () => {
 *   const until = performance.now() + 4;
 *   for (let r = chunks.next(); !r.done; r = chunks.next()) {
 *     highlight(r.value);
 *     if (performance.now() > until) return void ctx.setTimeout(step, 0);
 *   }
 * };
 * step();
 * ```
 */

import {
  attributionFromCredit,
  createQuoteScanner,
  type DetectOptions,
  type MarkedQuote,
} from '../core/detect-quotes';
import type { DetectedQuote, Span } from '../core/types';

/** A run of a block's text that comes from one text node, character for character. */
export interface TextSegment {
  node: Text;
  /** Offset in the block's `text` where the run starts. */
  start: number;
  /** Offset in `node.data` of the run's first character. */
  nodeOffset: number;
  length: number;
}

/**
 * The text of one paragraph as a reader sees it, and where each character comes from.
 * Characters not covered by a segment are spaces the markup implies (`<br>`): they map to
 * no text node.
 */
export interface TextBlock {
  /** White space collapsed to single spaces, trimmed (except in `<pre>`). */
  text: string;
  /** The block-level element whose own text this is. */
  element: Element;
  /** In text order, non-overlapping. */
  segments: TextSegment[];
  /** `<q>` elements of the block: the offsets of their text. */
  inlineQuotes: Array<{ start: number; end: number; element: Element }>;
  /** The innermost `<blockquote>` the block lies in, if any. */
  blockquote?: Element;
}

export interface CollectOptions {
  /**
   * Extra test for hidden elements, on top of the `hidden`, `aria-hidden="true"` and inline
   * `display: none` checks that work without layout. In a browser, for instance
   * `el => !el.checkVisibility()`. Elements it returns true for are skipped with their content.
   */
  isHidden?: (el: Element) => boolean;
  /**
   * Told about each element left out because it is hidden now (the `hidden` attribute, a
   * hiding style, `isHidden`, a closed `<details>`): content a reader may be shown later.
   */
  onHidden?: (el: Element) => void;
  /** Told about each open shadow root walked (its changes are not seen from the light tree). */
  onShadowRoot?: (root: ShadowRoot) => void;
  /**
   * Only the root's own text: block-level descendants are left out (they are blocks of their
   * own). For rescanning a block whose text changed without walking the blocks inside it.
   */
  shallow?: boolean;
}

/** Where a quote (or one piece of it) is in the DOM: the arguments of `Range.setStart`/`setEnd`. */
export interface DomRangeSpec {
  startNode: Text;
  startOffset: number;
  endNode: Text;
  endOffset: number;
}

/**
 * A quote found on the page. Not serialisable (it holds DOM nodes): send
 * {@link toDetectedQuote} of it across messages.
 */
export interface DomQuote extends DetectedQuote {
  /** The block element the quote starts in. */
  element: Element;
  /** One per piece (one for a quote within a paragraph), in order. */
  positions: DomRangeSpec[];
  /**
   * Live ranges over the quoted words, one per piece: for `CSS.highlights` and
   * `getClientRects()`. Needs `Range.setStart`, which linkedom lacks (use `positions` there).
   * @param doc - The document to create ranges in; defaults to the element's.
   */
  ranges(doc?: Document): Range[];
}

export interface FindOptions extends DetectOptions, CollectOptions {
  /** Blocks per chunk yielded by {@link scanQuotesInDom}. Default 32. */
  chunkSize?: number;
  /**
   * Told about every block of text once the scan of the root is complete (in text order),
   * with the stretches of it the quotes found cover: for the unmarked-copy check, which
   * reads the rest. Not called if the scan is abandoned.
   */
  onBlock?: (block: TextBlock, quoted: Span[]) => void;
}

const BLOCK_TAGS = new Set(
  (
    'address article aside blockquote body caption center dd details dialog dir div dl dt ' +
    'fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li ' +
    'main menu nav ol p pre section summary table tbody td tfoot th thead tr ul'
  ).split(' '),
);
/** Elements whose content is not page text a reader reads. */
const SKIP_TAGS = new Set(
  (
    'script style noscript template textarea input select option button math iframe ' +
    'object embed canvas video audio head title'
  ).split(' '),
);
/** SVG containers whose `<text>` is not drawn where it stands (or at all). */
const SVG_UNDRAWN = 'defs, symbol, mask, clipPath, pattern, marker, title, desc, metadata';
/** Editable content: the user's own words, not the page's. */
const EDITABLE = '[contenteditable]:not([contenteditable="false" i]), [role="textbox"]';
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;
/** Collapsible white space (CSS `white-space: normal`) and characters a reader never sees. */
const SPACE_OR_INVISIBLE = /[ \t\n\r\f]+|[\u00ad\u200b\u2060\ufeff]+/g;
const DEFAULT_CHUNK = 32;

function tagOf(el: Element): string {
  return (el.localName || el.tagName || '').toLowerCase();
}

/** Whether a block-level element (by tag): its text is a block of its own. */
export function isBlockElement(el: Element): boolean {
  return BLOCK_TAGS.has(tagOf(el));
}

/**
 * The block whose text holds `node`: its nearest block-level ancestor (or itself), within
 * its own tree (the top element of a shadow tree stands in for the block above it).
 */
export function closestBlock(node: Node): Element | undefined {
  let el: Element | null = node.nodeType === 1 ? (node as Element) : node.parentElement;
  let last: Element | undefined;
  for (; el; el = el.parentElement) {
    if (BLOCK_TAGS.has(tagOf(el))) return el;
    last = el;
  }
  return last;
}

/**
 * Whether `node` lies in content the user edits (an editable ancestor, a text box, a form
 * field) or the whole document is in design mode. Its text is never scanned.
 */
export function isInEditable(node: Node): boolean {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  if (!el) return false;
  if (el.ownerDocument?.designMode === 'on') return true;
  if (el.closest(`${EDITABLE}, textarea, input, select`)) return true;
  // Across shadow boundaries: a custom element placed inside an editor.
  for (let root = el.getRootNode(); isShadowRoot(root);) {
    const host = root.host;
    if (host.closest(`${EDITABLE}, textarea`)) return true;
    root = host.getRootNode();
  }
  return false;
}

function isShadowRoot(node: Node): node is ShadowRoot {
  return node.nodeType === 11 && 'host' in node && !!(node as ShadowRoot).host;
}

/** Why an element and its content are left out of the page text: undefined if they are not. */
function skipReason(
  el: Element,
  isHidden?: (el: Element) => boolean,
): 'markup' | 'hidden' | undefined {
  const tag = tagOf(el);
  if (SKIP_TAGS.has(tag)) return 'markup';
  if (el.hasAttribute('data-verbatim-ignore')) return 'markup';
  if (el.getAttribute('aria-hidden') === 'true') return 'markup';
  const editable = el.getAttribute('contenteditable');
  if (editable !== null && editable.toLowerCase() !== 'false') return 'markup';
  if (el.getAttribute('role') === 'textbox') return 'markup';
  if (el.hasAttribute('hidden')) return 'hidden';
  const style = el.getAttribute('style');
  if (style && HIDDEN_STYLE.test(style)) return 'hidden';
  return isHidden?.(el) ? 'hidden' : undefined;
}

/** Whether an element and its content are left out; hidden ones are reported to `onHidden`. */
function isSkipped(el: Element, options: CollectOptions): boolean {
  const reason = skipReason(el, options.isHidden);
  if (reason === 'hidden') options.onHidden?.(el);
  return reason !== undefined;
}

/** The open shadow root an element renders instead of its children, if any. */
function shadowOf(el: Element): ShadowRoot | null {
  const root = (el as { shadowRoot?: ShadowRoot | null }).shadowRoot;
  return root && root.mode === 'open' ? root : null;
}

/**
 * Where the children of an element are read from, as a reader sees them: its open shadow
 * root, the nodes assigned to a `<slot>` (or its fallback content), only the `<summary>` of a
 * closed `<details>`, else its own children.
 */
interface Cursor {
  node: Node | null;
  list?: readonly Node[];
  index: number;
}

function childCursor(el: Element, options: CollectOptions): Cursor {
  const shadow = shadowOf(el);
  if (shadow) {
    options.onShadowRoot?.(shadow);
    return { node: shadow.firstChild, index: 0 };
  }
  const tag = tagOf(el);
  if (tag === 'slot' && typeof (el as HTMLSlotElement).assignedNodes === 'function') {
    const list = (el as HTMLSlotElement).assignedNodes({ flatten: true });
    // Nothing assigned: the fallback content (which `flatten` should give, but not everywhere).
    if (list.length > 0) return { node: list[0] ?? null, list, index: 0 };
  }
  if (tag === 'details' && !el.hasAttribute('open')) {
    options.onHidden?.(el);
    const list = [...el.children].filter(c => tagOf(c) === 'summary').slice(0, 1);
    return { node: list[0] ?? null, list, index: 0 };
  }
  return { node: el.firstChild, index: 0 };
}

function advance(cursor: Cursor): Node | null {
  if (cursor.list) return (cursor.node = cursor.list[++cursor.index] ?? null);
  return (cursor.node = cursor.node?.nextSibling ?? null);
}

/**
 * The blocks of an `<svg>`: one per `<text>` drawn (not those in `<defs>`, masks and the
 * like). Other SVG content is graphics, not text a reader reads.
 */
function* svgBlocks(svg: Element, options: CollectOptions): Generator<TextBlock, void, undefined> {
  for (const text of svg.querySelectorAll('text')) {
    // Nested <text> is not drawn; the outer one carries it.
    if (text.parentElement?.closest('text')) continue;
    const undrawn = text.closest(SVG_UNDRAWN);
    if (undrawn && svg.contains(undrawn)) continue;
    let hidden = false;
    for (let el: Element | null = text; el && el !== svg; el = el.parentElement) {
      if (isSkipped(el, options)) {
        hidden = true;
        break;
      }
    }
    if (!hidden) yield* iterateTextBlocks(text, { ...options, shallow: false });
  }
}

/** Accumulates the text of the current block. */
class BlockBuilder {
  private parts: string[] = [];
  private length = 0;
  private segments: TextSegment[] = [];
  /** Whether the text so far ends in a collapsible space (true at the start: leading space is dropped). */
  private spaceEnded = true;
  private virtualSpaceEnded = false;
  private element: Element | undefined;
  private blockquote: Element | undefined;
  private inlineQuotes: TextBlock['inlineQuotes'] = [];
  private openQuotes: Array<{ start: number; element: Element }> = [];
  /** Counts flushes, so a `<q>` split by a block boundary is not taken as one span. */
  generation = 0;
  pre = 0;

  constructor(
    private readonly blockOf: () => Element,
    private readonly blockquoteOf: () => Element | undefined,
  ) {}

  private begin(): void {
    if (this.element) return;
    this.element = this.blockOf();
    this.blockquote = this.blockquoteOf();
  }

  private addRun(node: Text, from: number, to: number, text: string): void {
    this.begin();
    const last = this.segments[this.segments.length - 1];
    if (
      last &&
      last.node === node &&
      last.nodeOffset + last.length === from &&
      last.start + last.length === this.length
    ) {
      last.length += to - from;
    } else {
      this.segments.push({ node, start: this.length, nodeOffset: from, length: to - from });
    }
    this.parts.push(text);
    this.length += to - from;
  }

  text(node: Text): void {
    const data = node.data;
    if (data === '') return;
    if (this.pre > 0) {
      this.addRun(node, 0, data.length, data);
      this.spaceEnded = false;
      return;
    }
    let pos = 0;
    SPACE_OR_INVISIBLE.lastIndex = 0;
    for (let m = SPACE_OR_INVISIBLE.exec(data); m; m = SPACE_OR_INVISIBLE.exec(data)) {
      if (m.index > pos) {
        this.addRun(node, pos, m.index, data.slice(pos, m.index));
        this.spaceEnded = false;
      }
      const isSpace = m[0].charCodeAt(0) <= 32;
      if (isSpace && !this.spaceEnded) {
        // The first character of the run stands for all of it.
        this.addRun(node, m.index, m.index + 1, ' ');
        this.spaceEnded = true;
        this.virtualSpaceEnded = false;
      }
      pos = m.index + m[0].length;
    }
    if (pos < data.length) {
      this.addRun(node, pos, data.length, data.slice(pos));
      this.spaceEnded = false;
    }
  }

  /** A `<br>`: a space in the text that maps to no node. */
  lineBreak(): void {
    if (this.spaceEnded) return;
    this.parts.push(' ');
    this.length += 1;
    this.spaceEnded = true;
    this.virtualSpaceEnded = true;
  }

  openQuote(element: Element): void {
    this.openQuotes.push({ start: this.length, element });
  }

  closeQuote(generation: number): void {
    const q = this.openQuotes.pop();
    if (q && generation === this.generation) {
      this.inlineQuotes.push({ start: q.start, end: this.length, element: q.element });
    }
  }

  /** Ends the current block; returns it unless it has no visible text. */
  flush(): TextBlock | undefined {
    let text = this.parts.join('');
    if (this.pre === 0 && this.spaceEnded && text.endsWith(' ')) {
      text = text.slice(0, -1);
      const last = this.segments[this.segments.length - 1];
      if (!this.virtualSpaceEnded && last && last.start + last.length > text.length) {
        last.length -= 1;
        if (last.length === 0) this.segments.pop();
      }
    }
    const element = this.element;
    const block: TextBlock | undefined =
      element && text !== ''
        ? {
            text,
            element,
            segments: this.segments,
            inlineQuotes: this.inlineQuotes
              .map(q => ({ ...q, end: Math.min(q.end, text.length) }))
              .filter(q => q.end > q.start),
          }
        : undefined;
    if (block && this.blockquote) block.blockquote = this.blockquote;
    this.parts = [];
    this.length = 0;
    this.segments = [];
    this.inlineQuotes = [];
    this.spaceEnded = true;
    this.virtualSpaceEnded = false;
    this.element = undefined;
    this.blockquote = undefined;
    this.generation++;
    return block;
  }
}

/**
 * Walks `root` in document order and yields its blocks of text lazily (an explicit stack, not
 * recursion: deep pages do not overflow). Block-level elements separate blocks; inline ones
 * (`a`, `em`, `span`, `q`…) are crossed; `<br>` is a space; open shadow roots are read in
 * place of their host's children (slots resolved), an `<svg>` gives one block per `<text>`,
 * a closed `<details>` only its `<summary>`. Nothing under an editable ancestor is read.
 * Skipped with their content:
 * `script`, `style`, form fields, `svg`, `math`, `iframe`…, elements with `hidden`,
 * `aria-hidden="true"`, inline `display: none`, `contenteditable` or `data-verbatim-ignore`
 * (Verbatim's own UI), and whatever `options.isHidden` says.
 */
export function* iterateTextBlocks(
  root: Element,
  options: CollectOptions = {},
): Generator<TextBlock, void, undefined> {
  if (isSkipped(root, options)) return;
  if (tagOf(root) === 'svg') {
    yield* svgBlocks(root, options);
    return;
  }
  if (isInEditable(root)) return;
  const blocks: Element[] = [root];
  const blockquotes: Element[] = tagOf(root) === 'blockquote' ? [root] : [];
  const builder = new BlockBuilder(
    () => blocks[blocks.length - 1] ?? root,
    () => blockquotes[blockquotes.length - 1],
  );
  if (tagOf(root) === 'pre') builder.pre = 1;
  /** Per open element: what to undo when leaving it, and where its children are read from. */
  const open: Array<{ el: Element; block: boolean; quote: number; cursor: Cursor }> = [];

  const enter = (el: Element): TextBlock | undefined => {
    const tag = tagOf(el);
    const block = BLOCK_TAGS.has(tag);
    let flushed: TextBlock | undefined;
    if (block) {
      flushed = builder.flush();
      blocks.push(el);
      if (tag === 'blockquote') blockquotes.push(el);
      if (tag === 'pre') builder.pre++;
    }
    if (tag === 'q') builder.openQuote(el);
    open.push({
      el,
      block,
      quote: tag === 'q' ? builder.generation : -1,
      cursor: childCursor(el, options),
    });
    return flushed;
  };

  const leave = (): TextBlock | undefined => {
    const frame = open.pop();
    if (!frame) return undefined;
    const tag = tagOf(frame.el);
    if (frame.quote >= 0) builder.closeQuote(frame.quote);
    if (!frame.block) return undefined;
    const flushed = builder.flush();
    blocks.pop();
    if (tag === 'blockquote') blockquotes.pop();
    if (tag === 'pre') builder.pre--;
    return flushed;
  };

  const top: Cursor = childCursor(root, options);
  const cursor = () => open[open.length - 1]?.cursor ?? top;
  for (;;) {
    const at = cursor();
    const node = at.node;
    if (node) {
      if (node.nodeType === 3) {
        builder.text(node as Text);
        advance(at);
      } else if (node.nodeType === 1) {
        const el = node as Element;
        const tag = tagOf(el);
        if (options.shallow && BLOCK_TAGS.has(tag)) {
          // A block of its own: not read, nor even looked at (no style lookup).
          const flushed = builder.flush();
          if (flushed) yield flushed;
          advance(at);
        } else if (isSkipped(el, options)) {
          advance(at);
        } else if (tag === 'br') {
          builder.lineBreak();
          advance(at);
        } else if (tag === 'svg') {
          // Graphics, with text blocks of their own.
          const flushed = builder.flush();
          if (flushed) yield flushed;
          yield* svgBlocks(el, options);
          advance(at);
        } else {
          const flushed = enter(el);
          if (flushed) yield flushed;
          if (!cursor().node) {
            const done = leave();
            if (done) yield done;
            advance(cursor());
          }
        }
      } else {
        advance(at);
      }
      continue;
    }
    // No more children: leave the parent.
    if (open.length === 0) break;
    const done = leave();
    if (done) yield done;
    advance(cursor());
  }
  const last = builder.flush();
  if (last) yield last;
}

/** All blocks of text under `root`, in document order. See {@link iterateTextBlocks}. */
export function collectTextBlocks(root: Element, options?: CollectOptions): TextBlock[] {
  return [...iterateTextBlocks(root, options)];
}

/**
 * The DOM position of an offset in a block's text.
 * @param edge - `start` maps an offset that falls on a space with no node (`<br>`) to the
 *   next node, `end` to the previous one, so a range never starts or ends outside the words.
 * @returns undefined only for a block without text nodes.
 */
export function domPosition(
  block: TextBlock,
  offset: number,
  edge: 'start' | 'end',
): { node: Text; offset: number } | undefined {
  const segs = block.segments;
  // The last segment starting at or before the offset (for `end`, strictly before).
  let lo = 0;
  let hi = segs.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = segs[mid];
    if (s && (edge === 'start' ? s.start <= offset : s.start < offset)) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  const seg = segs[found];
  if (edge === 'start') {
    if (seg && offset < seg.start + seg.length) {
      return { node: seg.node, offset: seg.nodeOffset + offset - seg.start };
    }
    const next = segs[found + 1] ?? seg;
    return (
      next && {
        node: next.node,
        offset: next === seg ? seg.nodeOffset + seg.length : next.nodeOffset,
      }
    );
  }
  if (seg) {
    return { node: seg.node, offset: seg.nodeOffset + Math.min(offset - seg.start, seg.length) };
  }
  const first = segs[0];
  return first && { node: first.node, offset: first.nodeOffset };
}

/** The plain, serialisable part of a {@link DomQuote}. */
export function toDetectedQuote(q: DomQuote): DetectedQuote {
  const out: DetectedQuote = {
    text: q.text,
    block: q.block,
    start: q.start,
    end: q.end,
    mark: q.mark,
  };
  if (q.pieces) out.pieces = q.pieces.map(p => ({ ...p }));
  if (q.attribution) out.attribution = q.attribution;
  if (q.unclosed) out.unclosed = true;
  return out;
}

/**
 * Finds the quotes under `root`: words in quotation marks, `<q>` elements and
 * `<blockquote>`s, each reported once (a blockquote whose text has quotation marks is
 * reported through those marks). `block` numbers index {@link collectTextBlocks}`(root)`.
 */
export function findQuotesInDom(root: Element, options?: FindOptions): DomQuote[] {
  const quotes: DomQuote[] = [];
  for (const chunk of scanQuotesInDom(root, options)) for (const q of chunk) quotes.push(q);
  return quotes;
}

/**
 * {@link findQuotesInDom} in slices: walks the DOM lazily and yields the quotes completed in
 * every `chunkSize` blocks (possibly none), so the caller can yield to the main thread
 * between chunks. Concatenated, the chunks equal `findQuotesInDom(root, options)`. The DOM
 * must not change while the generator runs.
 */
export function* scanQuotesInDom(
  root: Element,
  options: FindOptions = {},
): Generator<DomQuote[], void, undefined> {
  const scanner = createQuoteScanner(options);
  const chunkSize = Math.max(1, options.chunkSize ?? DEFAULT_CHUNK);
  const blocks: TextBlock[] = [];
  let out: DomQuote[] = [];
  let sinceYield = 0;
  let group: TextBlock[] = [];

  // Per block, the stretches quotes cover (only kept when someone asks for the blocks).
  const quoted: Span[][] | undefined = options.onBlock ? [] : undefined;
  const found = (q: DetectedQuote): void => {
    if (quoted) {
      for (const p of q.pieces ?? [{ block: q.block, start: q.start, end: q.end }]) {
        (quoted[p.block] ??= []).push({ start: p.start, end: p.end });
      }
    }
    const dq = toDomQuote(q, blocks);
    if (dq) out.push(dq);
  };

  const push = (block: TextBlock, marked: MarkedQuote[]): void => {
    blocks.push(block);
    for (const q of scanner.push(block.text, marked)) found(q);
    sinceYield++;
  };

  const flushGroup = (): void => {
    if (group.length === 0) return;
    const marked = blockquoteSpans(group, options);
    group.forEach((b, i) => push(b, [...inlineSpans(b), ...(marked[i] ?? [])]));
    group = [];
  };

  for (const block of iterateTextBlocks(root, options)) {
    if (group.length > 0 && block.blockquote !== group[0]?.blockquote) flushGroup();
    if (block.blockquote) group.push(block);
    else push(block, inlineSpans(block));
    if (sinceYield >= chunkSize) {
      yield out;
      out = [];
      sinceYield = 0;
    }
  }
  flushGroup();
  for (const q of scanner.finish()) found(q);
  if (options.onBlock) blocks.forEach((b, i) => options.onBlock!(b, quoted?.[i] ?? []));
  yield out;
}

function inlineSpans(block: TextBlock): MarkedQuote[] {
  return block.inlineQuotes.map(q => ({ start: q.start, end: q.end, mark: 'q' }));
}

/**
 * The marked quotes for the blocks of one `<blockquote>`: the whole text, less the credit
 * line (`<footer>`, `<cite>`, a last paragraph starting with a dash, or the `<figcaption>` of
 * its `<figure>`), continued from block to block. None if the text has its own quotation
 * marks: those quotes are then reported instead.
 */
function blockquoteSpans(group: readonly TextBlock[], options: DetectOptions): MarkedQuote[][] {
  const probe = createQuoteScanner(options);
  const own = group.some(b => probe.push(b.text, inlineSpans(b)).length > 0);
  if (own || probe.finish().length > 0) return [];
  const bq = group[0]?.blockquote;
  if (!bq) return [];
  let credit: Element | null = bq.querySelector('footer, cite');
  const parent = bq.parentElement;
  if (!credit && parent && tagOf(parent) === 'figure') credit = parent.querySelector('figcaption');
  let creditText = credit?.textContent ?? undefined;

  const spans = group.map(b => ownSpan(b, credit));
  const last = spans.length - 1;
  const lastBlock = group[last];
  if (!credit && last > 0 && lastBlock && /^[—–―-]/.test(lastBlock.text)) {
    creditText = lastBlock.text;
    spans[last] = undefined;
  }
  const attribution = creditText ? attributionFromCredit(creditText) : undefined;
  const withText = spans.map((s, i) => (s ? i : -1)).filter(i => i >= 0);
  const final = withText[withText.length - 1];
  return spans.map((s, i) => {
    if (!s) return [];
    const q: MarkedQuote = { ...s, mark: 'blockquote' };
    if (i !== final) q.continues = true;
    if (attribution) q.attribution = attribution;
    return [q];
  });
}

/** The stretch of a block outside the credit element, without a trailing dash. */
function ownSpan(
  block: TextBlock,
  credit: Element | null,
): { start: number; end: number } | undefined {
  const own = credit ? block.segments.filter(s => !credit.contains(s.node)) : block.segments;
  const first = own[0];
  const lastSeg = own[own.length - 1];
  if (!first || !lastSeg) return undefined;
  const start = first.start;
  let end = lastSeg.start + lastSeg.length;
  while (end > start && /[\s—–―-]/.test(block.text.charAt(end - 1))) end--;
  return end > start ? { start, end } : undefined;
}

function toDomQuote(q: DetectedQuote, blocks: readonly TextBlock[]): DomQuote | undefined {
  const pieces = q.pieces ?? [{ block: q.block, start: q.start, end: q.end }];
  const positions: DomRangeSpec[] = [];
  for (const p of pieces) {
    const block = blocks[p.block];
    if (!block) return undefined;
    const start = domPosition(block, p.start, 'start');
    const end = domPosition(block, p.end, 'end');
    if (!start || !end) return undefined;
    positions.push({
      startNode: start.node,
      startOffset: start.offset,
      endNode: end.node,
      endOffset: end.offset,
    });
  }
  const element = blocks[q.block]?.element;
  if (!element) return undefined;
  return { ...q, element, positions, ranges: rangesOf(element, positions) };
}

/** `DomQuote.ranges`: live ranges over `positions`, in the element's document by default. */
function rangesOf(element: Element, positions: readonly DomRangeSpec[]) {
  return (doc?: Document): Range[] => {
    const d = doc ?? element.ownerDocument;
    return positions.map(p => {
      const range = d.createRange();
      range.setStart(p.startNode, p.startOffset);
      range.setEnd(p.endNode, p.endOffset);
      return range;
    });
  };
}

/**
 * A stretch of one block's text (`start`–`end`, offsets in `block.text`) as a
 * {@link DomQuote} with the given `mark`: the words of an unmarked copy, which the page does
 * not put in quotation marks. Undefined for a block without text nodes.
 */
export function blockStretch(
  block: TextBlock,
  start: number,
  end: number,
  mark: string,
): DomQuote | undefined {
  const from = domPosition(block, start, 'start');
  const to = domPosition(block, end, 'end');
  if (!from || !to) return undefined;
  const positions: DomRangeSpec[] = [
    { startNode: from.node, startOffset: from.offset, endNode: to.node, endOffset: to.offset },
  ];
  return {
    text: block.text.slice(start, end),
    block: 0,
    start,
    end,
    mark,
    element: block.element,
    positions,
    ranges: rangesOf(block.element, positions),
  };
}
