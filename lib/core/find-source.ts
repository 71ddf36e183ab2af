/**
 * Where a quote came from, by every means Verbatim has: the word-by-word matcher first
 * (`match-quote.ts`: verbatim, edited, paraphrase), then, when it finds nothing, the one
 * passage the quote can only be a rewording of (`reworded.ts`: a translation or a
 * back-translation). The one entry point for the extension, the CLI and the evaluation.
 */
import { runWithTexts, type CorpusIndex, type TextSteps } from './corpus-index';
import { MATCH_DEFAULTS, matchQuoteSteps, type MatchOptions } from './match-quote';
import { matchRewordedSteps } from './reworded';
import type { QuoteMatch } from './types';

export interface SourceOptions extends MatchOptions {
  /** Who the page says said it; a reworded quote is only looked for among their words. */
  attribution?: string;
  /**
   * Look for reworded quotes when nothing matches word by word. Default: unless `minScore`
   * asks for closer matches than the default does (a strict setting wants no rewordings).
   */
  reworded?: boolean;
}

/**
 * The source of a quote, or null when the corpus has none.
 *
 * @param quote - The quote as printed, with or without its quotation marks.
 */
export function findSource(
  index: CorpusIndex,
  quote: string,
  options: SourceOptions = {},
): QuoteMatch | null {
  return runWithTexts(findSourceSteps(index, quote, options));
}

/** {@link findSource} over an index that may not hold every text (see `TextSteps`). */
export function* findSourceSteps(
  index: CorpusIndex,
  quote: string,
  options: SourceOptions = {},
): TextSteps<QuoteMatch | null> {
  const { attribution, reworded: wanted, ...matchOptions } = options;
  const reworded =
    wanted ?? (matchOptions.minScore ?? MATCH_DEFAULTS.minScore) <= MATCH_DEFAULTS.minScore;
  const match = yield* matchQuoteSteps(index, quote, matchOptions);
  if (match || !reworded) return match;
  return yield* matchRewordedSteps(index, quote, { attribution });
}
