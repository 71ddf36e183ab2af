/** The text "Copy citation" puts on the clipboard. Pure. */
import type { PassageRef } from '../core/types';
import { formatDate, speakerDetail } from '../ui/format';

/**
 * A citation of a source passage, on one line:
 *
 * `“We are always ready to listen…” — Jens Stoltenberg, NATO Secretary General. Press
 * conference by … NATO, 7 January 2022. https://www.nato.int/…`
 *
 * The passage is quoted as the source has it (white space collapsed). The address is the
 * source's own, when known.
 */
export function formatCitation(ref: PassageRef): string {
  const passage = ref.passage.replace(/\s+/g, ' ').trim();
  const detail = speakerDetail(ref.speaker);
  const who = detail ? `${ref.speaker.name}, ${detail}` : ref.speaker.name;
  const published = [ref.publisher, ref.date && formatDate(ref.date)].filter(Boolean).join(', ');
  const parts = [`“${passage}” — ${who}.`, `${ref.title.replace(/\.$/, '')}.`];
  if (published) parts.push(`${published}.`);
  if (ref.sourceUrl) parts.push(ref.sourceUrl);
  return parts.join(' ');
}
