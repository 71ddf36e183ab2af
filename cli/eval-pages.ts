/**
 * Evaluation on whole pages of other outlets (`tests/fixtures/pages/*.expected.json` with a
 * `fidelity` per quote, see that folder's README): each page is read as `check` reads it
 * (the same detector, `findSource`, `findCopies`), and its answers are compared with what
 * the page really prints.
 *
 * - Quotes printed with marks (verbatim, edited, unclosed) and reworded quotes (translations,
 *   back-translations): recall over the expected quotes whose words the corpus holds;
 *   precision over every answer given on the pages (an answer is right when its passage
 *   overlaps the passage of an expected quote of the page).
 * - Quotes from another occasion (`passage: null`) must get no answer.
 * - Unmarked copies: recall over the page's `unmarked` words printed as the source has them
 *   (12 words or more); a copy found where the page has no unmarked words is a false mark.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { CorpusIndex } from '../lib/core/corpus-index';
import { parseDocument } from '../lib/core/parse-document';
import { BUNDLED_CORPUS_DIR, readCorpusDir } from './corpus-dir';
import { findSource } from '../lib/core/find-source';
import { explainReworded } from '../lib/core/reworded';
import { countWords } from '../lib/core/detect-quotes';
import { COPY_MIN_WORDS, findCopies } from '../lib/core/text-reuse';
import { evaluate, parseEvalRows, passagesOverlap, type EvalResult } from './evaluate';
import { quotedSpans, readArticle } from './read-article';

interface ExpectedQuote {
  text: string;
  fidelity?: string;
  passage?: string | null;
}

interface ExpectedPage {
  page: string;
  quotes: ExpectedQuote[];
  unmarked?: Array<{ text: string; passage: string }>;
}

/** Counts for one kind of quote. */
export interface Tally {
  expected: number;
  found: number;
}

export interface PagesResult {
  pages: number;
  /** Quotes printed with marks: verbatim, edited, unclosed. */
  marked: Tally;
  reworded: Tally;
  /** Quotes said on another occasion, and how many of them got an answer (must be 0). */
  otherOccasion: { quotes: number; answered: number };
  /** Answers given on the pages, and how many were right. */
  answers: { given: number; right: number };
  copies: Tally & { falseMarks: number; pagesWithout: number };
  failures: string[];
}

const tally = (): Tally => ({ expected: 0, found: 0 });

/** Reads and scores every annotated page of other outlets in `dir`. */
export async function evaluatePages(index: CorpusIndex, dir: string): Promise<PagesResult> {
  const result: PagesResult = {
    pages: 0,
    marked: tally(),
    reworded: tally(),
    otherOccasion: { quotes: 0, answered: 0 },
    answers: { given: 0, right: 0 },
    copies: { ...tally(), falseMarks: 0, pagesWithout: 0 },
    failures: [],
  };
  const files = readdirSync(dir).filter(f => f.endsWith('.expected.json'));
  for (const file of files.sort()) {
    const expected = JSON.parse(readFileSync(join(dir, file), 'utf8')) as ExpectedPage;
    // Only pages annotated with each quote's fidelity against the corpus.
    if (!expected.quotes.some(q => q.fidelity)) continue;
    result.pages++;
    const article = await readArticle(join(dir, expected.page));
    const answers = article.quotes.map(q => ({
      quote: q,
      match: findSource(index, q.text, { attribution: q.attribution }),
    }));
    const passages = [
      ...expected.quotes.flatMap(q => (q.passage ? [q.passage] : [])),
      ...(expected.unmarked ?? []).map(u => u.passage),
    ];

    for (const a of answers) {
      if (!a.match) continue;
      result.answers.given++;
      if (passages.some(p => passagesOverlap(a.match!.passage, p))) result.answers.right++;
      else
        result.failures.push(`${expected.page}: wrong answer for “${a.quote.text.slice(0, 60)}”`);
    }

    for (const q of expected.quotes) {
      const detected = answers.filter(a => passagesOverlap(a.quote.text, q.text));
      if (!q.passage) {
        result.otherOccasion.quotes++;
        if (detected.some(a => a.match)) {
          result.otherOccasion.answered++;
          result.failures.push(
            `${expected.page}: answered a quote of another occasion “${q.text.slice(0, 60)}”`,
          );
        }
        continue;
      }
      const t = q.fidelity === 'reworded' ? result.reworded : result.marked;
      t.expected++;
      if (detected.some(a => a.match && passagesOverlap(a.match.passage, q.passage!))) t.found++;
      else
        result.failures.push(`${expected.page}: missed (${q.fidelity}) “${q.text.slice(0, 60)}”`);
    }

    const excluded = quotedSpans(article);
    const copies = article.blocks.flatMap((text, i) =>
      findCopies(index, text, { exclude: excluded[i] }),
    );
    const unmarked = expected.unmarked ?? [];
    // Copies are the unmarked words a page prints as the source has them, 12 words or more;
    // the rest is reported speech in the page's own words (no copy to find, none to fault).
    const copied = unmarked.filter(
      u => countWords(u.text) >= COPY_MIN_WORDS && passagesOverlap(u.text, u.passage),
    );
    if (copied.length === 0) result.copies.pagesWithout++;
    result.copies.expected += copied.length;
    result.copies.found += copied.filter(u =>
      copies.some(c => passagesOverlap(c.match.passage, u.passage)),
    ).length;
    for (const c of copies) {
      if (!unmarked.some(u => passagesOverlap(c.match.passage, u.passage))) {
        result.copies.falseMarks++;
        result.failures.push(
          `${expected.page}: false unmarked copy “${c.match.passage.slice(0, 60)}”`,
        );
      }
    }
  }
  return result;
}

/** Reworded quotes (`tests/fixtures/reworded/`) scored over the corpora their sources are in. */
export interface RewordedResult {
  result: EvalResult;
  negatives: number;
  negativesMatched: number;
  /** Mean time to answer one quote of the set (`findSource`, the index already built). */
  msPerQuote: number;
}

/**
 * Scores `findSource` on sets of reworded quotes and near misses, over the bundled corpus
 * plus the documents of `corpusDirs` (the real-world transcripts some rewordings come from),
 * all in one index: each set's quotes meet every document, not only their own.
 */
export async function evaluateReworded(
  sets: readonly string[],
  corpusDirs: readonly string[],
): Promise<RewordedResult[]> {
  const documents = [
    ...(await readCorpusDir(BUNDLED_CORPUS_DIR)),
    ...(await Promise.all(corpusDirs.map(d => readCorpusDir(d)))).flat(),
  ];
  const index = CorpusIndex.build(documents.map(parseDocument));
  findSource(index, 'a warm-up quote: lazy structures and the JIT, not counted in the figures');
  return sets.map(set => scoreReworded(index, set));
}

function scoreReworded(index: CorpusIndex, set: string): RewordedResult {
  const rows = parseEvalRows(readFileSync(set, 'utf8'));
  const t = performance.now();
  const answers = new Map(rows.map(r => [r.id, findSource(index, r.quote)]));
  const msPerQuote = (performance.now() - t) / Math.max(1, rows.length);
  const result = evaluate(rows, row => {
    const m = answers.get(row.id);
    return m ? { document: m.documentId, passage: m.passage, speaker: m.speaker.name } : null;
  });
  // What the reworded matcher read closest, for `--verbose`: why a rewording was missed.
  const quotes = new Map(rows.map(r => [r.id, r.quote]));
  for (const f of result.failures) {
    const [top] = explainReworded(index, quotes.get(f.id) ?? '');
    if (top) {
      const passage = top.passage.replace(/\s+/g, ' ').slice(0, 60);
      f.why += ` (closest: score ${top.score.toFixed(2)}, ${top.shared} concepts, “${passage}”)`;
    }
  }
  const negatives = rows.filter(r => !r.expect);
  return {
    result,
    negatives: negatives.length,
    negativesMatched: negatives.filter(r => answers.get(r.id)).length,
    msPerQuote,
  };
}
