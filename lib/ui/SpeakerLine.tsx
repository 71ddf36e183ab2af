/**
 * Who said it: the speaker's name, then their role or outlet in muted type
 * (`Jens Stoltenberg, NATO Secretary General`). Props only (used by the quote
 * popover, the popup and the reader).
 */
import type { Speaker } from '../core/types';
import { speakerDetail } from './format';

export interface SpeakerLineProps {
  speaker: Speaker;
  /** Id for `aria-labelledby` of a surrounding dialog or region. */
  id?: string;
  /** Rendered as this element (a heading in a dialog). Default `p`. */
  as?: 'p' | 'h2' | 'h3' | 'div';
}

export function SpeakerLine({ speaker, id, as: Tag = 'p' }: SpeakerLineProps) {
  const detail = speakerDetail(speaker);
  return (
    <Tag class="vb-speaker" id={id} data-testid="speaker">
      <span class="vb-speaker-name">{speaker.name}</span>
      {detail && <span class="vb-speaker-detail">, {detail}</span>}
    </Tag>
  );
}
