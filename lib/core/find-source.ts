/**
 * Where a quote came from, by every means Verbatim has: the word-by-word matcher first
 * (`match-quote.ts`: verbatim, edited, paraphrase), then, when it finds nothing, the one
 * passage the quote can only be a rewording of (`reworded.ts`: a translation or a
 * back-translation). The one entry point for the extension, the CLI and the evaluation.
 */
import { MATCH_DEFAULTS, matchQuote, type MatchOptions } from './match-quote';
import { matchReworded } from './reworded';
import type { CorpusIndex } from './corpus-index';
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
  const { attribution, reworded: wanted, ...matchOptions } = options;
  const reworded =
    wanted ?? (matchOptions.minScore ?? MATCH_DEFAULTS.minScore) <= MATCH_DEFAULTS.minScore;
  const match = matchQuote(index, quote, matchOptions);
  if (match || !reworded) return match;
  return matchReworded(index, quote, { attribution });
}
