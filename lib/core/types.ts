/**
 * Plain data shared by the whole of Verbatim. Everything here is serialisable
 * (structured clone and JSON): it crosses message boundaries and is stored in
 * IndexedDB as is.
 */

/**
 * What a document is. A `transcript` records speech as spoken and is the
 * original source of what its speakers said; a `statement` is a speaker's own
 * published text; `brief` and `article` report or quote others.
 */
export type DocumentKind = 'transcript' | 'statement' | 'brief' | 'article' | 'other';

export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  'transcript',
  'statement',
  'brief',
  'article',
  'other',
];

/** A document's descriptive metadata. */
export interface DocumentMeta {
  /** Stable id; for bundled and file-imported documents, the file name's stem. */
  id: string;
  title: string;
  kind: DocumentKind;
  /** ISO 8601 date, possibly partial: `2022-01-07`, `2022-01` or `2022`. */
  date: string;
  publisher: string;
  /** Where the document is published on the web, when known. */
  sourceUrl?: string;
  /**
   * For a document read from a paged file (PDF): where each page starts in the text
   * (`pages[0]` is page 1, at 0), so a passage can say "p. 12".
   */
  pages?: number[];
}

/** A document as stored and as imported: metadata plus its full plain text. */
export interface SourceDocument extends DocumentMeta {
  /** The full text, exactly as captured. Every span in Verbatim indexes into it. */
  text: string;
  /**
   * Speaker aliases the user set, applied on top of those the parser finds:
   * a label or name as written in the text → the speaker's display name.
   * Example: `{ "NATO Secretary General": "Jens Stoltenberg" }`.
   */
  aliases?: Record<string, string>;
}

/** A half-open range of UTF-16 code units in a document's `text`. */
export interface Span {
  start: number;
  end: number;
}

/** A person (or body) who says something in a document. */
export interface Speaker {
  /** Display name: `Jens Stoltenberg`; the bare label when no name is known (`NATO Spokesperson`). */
  name: string;
  /** Office or title: `NATO Secretary General`, `Deputy Prime Minister of Ukraine`. */
  role?: string;
  /** Organisation or outlet a speaker represents: `AFP`, `Wall Street Journal`. */
  affiliation?: string;
}

/**
 * A stretch of text attributed to one speaker. In a transcript these are the
 * speaker turns; in a brief or article, the quoted or reported words of the
 * person named. Text covered by no attribution belongs to the publisher.
 */
export interface Attribution extends Span {
  /** Index into `ParsedDocument.speakers`. */
  speaker: number;
  /** The label as written before a turn (`NATO Secretary General:`), when there is one. */
  label?: Span;
}

/**
 * A sentence of the document: the unit of context and of search results.
 * Segments are in document order and never overlap; labels and page furniture
 * are not part of any segment.
 */
export interface Segment extends Span {
  /** Paragraph number (0-based, document order); sentences of one paragraph share it. */
  paragraph: number;
  /** The speaker of most of the sentence, index into `ParsedDocument.speakers`; null for the publisher. */
  speaker: number | null;
}

/** A document after parsing: who speaks where, and its sentences. */
export interface ParsedDocument {
  meta: DocumentMeta;
  text: string;
  speakers: Speaker[];
  /** Every name, role or label that refers to a speaker (as written, e.g. `Mr Stoltenberg`) → speaker index. */
  aliases: Record<string, number>;
  /** Sorted by `start`, non-overlapping. */
  attributions: Attribution[];
  segments: Segment[];
}

/**
 * What passages are read from: a parsed document without its alias table (which only the
 * document's editor shows). A `ParsedDocument` is one; the corpus index hands these out.
 */
export type PassageDocument = Omit<ParsedDocument, 'aliases'>;

/** How faithfully a page quoted its source. */
export type Verdict = 'verbatim' | 'edited' | 'paraphrase';

/**
 * One piece of a word-level diff of a quote (as printed) against its source
 * passage, in passage order.
 * - `same`: identical up to case, punctuation, quote marks, dashes and British/American spelling.
 * - `changed`: the quote prints different words in place of the source's (a typo, a substitution,
 *   an editorial `[bracket]`: then `editorial` is true).
 * - `added`: words in the quote the source does not have.
 * - `removed`: source words the quote leaves out silently.
 * - `elided`: source words the quote replaces with an ellipsis.
 */
export type DiffPart =
  | { op: 'same'; quote: string; source: string }
  | { op: 'changed'; quote: string; source: string; editorial?: boolean }
  | { op: 'added'; quote: string }
  | { op: 'removed'; source: string }
  | { op: 'elided'; source: string };

/**
 * What a passage of a document is, as a record of what its speaker said (the passage's own
 * nature, not the document's kind):
 * - `turn`: the speaker's own words in a record of speech (a labelled speaker turn, in a
 *   transcript or in any document of turns; the opening remarks before the first label; a
 *   transcript without labels);
 * - `statement`: the speaker's own published text (a statement without turns);
 * - `quoted`: words inside quotation marks, quoted by the document or by a speaker of it
 *   (a brief quoting a speaker; a speaker in a transcript quoting someone);
 * - `reported`: someone's account of what the speaker said (reported speech in running text,
 *   or in a turn: `the minister said that ...`);
 * - `publisher`: text nobody is said to have said (the publisher's own words).
 * Only `turn` and `statement` are primary records.
 */
export type PassageRecord = 'turn' | 'statement' | 'quoted' | 'reported' | 'publisher';

/** Where a passage sits, and who said it. */
export interface PassageRef extends Span {
  documentId: string;
  title: string;
  kind: DocumentKind;
  date: string;
  publisher: string;
  sourceUrl?: string;
  /** The page the passage starts on, for a document with pages (PDF). */
  page?: number;
  /** Who the document attributes the passage to; the publisher when nobody is quoted. */
  speaker: Speaker;
  /**
   * What the passage is as a record of the speaker's words (see {@link PassageRecord}).
   * Absent on data made before it was known: then the document's `kind` stands for it.
   */
  record?: PassageRecord;
  /** The passage's exact text, `text.slice(start, end)` of the document. */
  passage: string;
}

/** A source passage matched to a quote. */
export interface PassageMatch extends PassageRef {
  /** The sentence(s) just before the passage (empty at the start of the document). */
  contextBefore: string;
  /** The sentence(s) just after the passage (empty at the end of the document). */
  contextAfter: string;
  /** Confidence in 0..1 that this passage is the quote's source. */
  score: number;
  verdict: Verdict;
  diff: DiffPart[];
}

/** The answer to "where does this quote come from?". */
export interface QuoteMatch extends PassageMatch {
  /**
   * The same words in other documents that are not the original: a brief or
   * article quoting the transcript. The original (a transcript's speech wins
   * over a report of it) is the match itself.
   */
  alsoIn: PassageRef[];
  /**
   * True when another, different passage is about as good as this one: the
   * match is then a guess between `alternatives`, not an answer.
   */
  ambiguous: boolean;
  /** Other candidate passages, best first (the near-equal ones when `ambiguous`). */
  alternatives: PassageMatch[];
  /**
   * The quote rewords the passage (a translation, a back-translation): it holds most of the
   * passage's meaning and content words but not its wording. The verdict is then `paraphrase`.
   */
  reworded?: boolean;
}

/** A quote found in text, with where it sits. */
export interface DetectedQuote {
  /** The quoted words, without the quotation marks. */
  text: string;
  /** Index of the text block (paragraph) the quote starts in. */
  block: number;
  /** Offsets of the quoted words (marks excluded) in that block's text. */
  start: number;
  end: number;
  /**
   * For quotes that continue into following paragraphs (opened again by a mark,
   * per typographic convention): every piece, in order. Absent for one-block quotes.
   */
  pieces?: Array<{ block: number; start: number; end: number }>;
  /** How the quote was marked: the opening mark, or `q` / `blockquote` for HTML elements. */
  mark: string;
  /** Who the page says said it ("Stoltenberg said", "said Blinken"), as written; absent if the page names nobody. */
  attribution?: string;
  /** The page opened the quote and never closed it: the quote runs to the end of its paragraph. */
  unclosed?: boolean;
}

/** A hit of the corpus search (popup), ranked best first. */
export interface SearchHit extends PassageRef {
  /** Segment index in the document. */
  segment: number;
  /** Ranges of `passage` that matched the query, for highlighting (offsets relative to `passage`). */
  highlights: Span[];
  /** Relevance in 0..1. */
  score: number;
}
