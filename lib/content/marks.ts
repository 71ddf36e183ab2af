/**
 * A marked quote: a quote found on the page together with its source. Plus
 * the words screen readers hear for it.
 */
import { type AttributionCheck, checkAttribution } from '../core/attribution';
import type { QuoteMatch } from '../core/types';
import type { DomQuote } from '../dom/find-quotes';
import { MARK_LEGEND, markKind } from '../ui/findings';
import { truncateWords } from '../ui/format';

export interface Mark {
  /** Stable for the life of the page: an open popover survives re-matching. */
  id: number;
  quote: DomQuote;
  /** Live ranges over the quote's words (one per piece). */
  ranges: Range[];
  match: QuoteMatch;
  /** The page's attribution against the source's speaker. */
  attribution: AttributionCheck;
}

/** Build a mark; undefined if the quote's DOM positions are no longer valid. */
export function createMark(id: number, quote: DomQuote, match: QuoteMatch): Mark | undefined {
  let ranges: Range[];
  try {
    ranges = quote.ranges();
  } catch {
    // The page changed the text under the quote since it was found.
    return undefined;
  }
  if (ranges.length === 0 || ranges.every(r => r.collapsed)) return undefined;
  return {
    id,
    quote,
    ranges,
    match,
    attribution: checkAttribution(quote.attribution, match.speaker),
  };
}

/**
 * The accessible name of a quote's focusable proxy:
 * `Quote: “NATO will engage in dialogue…” — source found: Jens Stoltenberg`; an unmarked
 * copy's: `Unmarked copy: “But for dialogue…” — source found: Jens Stoltenberg`.
 */
export function proxyLabel(mark: Mark): string {
  const quote = truncateWords(mark.quote.text, 90);
  if (mark.quote.mark === 'copy') {
    // (copies) Not a quote: the page prints these words without quotation marks.
    return `Unmarked copy: “${quote}” — source found: ${mark.match.speaker.name}. Printed without quotation marks`;
  }
  let label = `Quote: “${quote}” — source found: ${mark.match.speaker.name}`;
  if (mark.attribution === 'different' && mark.quote.attribution) {
    label += ` (the page names ${mark.quote.attribution})`;
  }
  const kind = markKind(mark.match, mark.attribution === 'different');
  if (kind === 'ambiguous') label += ' (uncertain: several possible sources)';
  else if (mark.match.ambiguous) label += ' (said more than once in this document)';
  // (ui) The finding, as the mark's line shows it to sighted readers.
  label += `. ${MARK_LEGEND[kind].label}`;
  return label;
}
