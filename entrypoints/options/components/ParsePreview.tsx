/**
 * What the parser makes of a document, as the user edits it: its speakers
 * (with how many turns or quotations each has) and its first speaker turns,
 * label as written → speaker. Alias edits show up here at once.
 */
import { useMemo, useState } from 'preact/hooks';

import { parseDocument } from '@/lib/core/parse-document';
import type { ParsedDocument, SourceDocument } from '@/lib/core/types';
import { speakerDetail, truncateWords } from '@/lib/ui/format';

/** Turns shown before "Show all". */
const FIRST_TURNS = 8;
/** Characters of a turn's text shown. */
const TURN_CHARS = 140;

export interface ParsePreviewProps {
  document: SourceDocument;
}

export function ParsePreview({ document: doc }: ParsePreviewProps) {
  const [showAll, setShowAll] = useState(false);
  const parsed = useMemo(() => safeParse(doc), [doc]);
  if (!parsed.ok) {
    return (
      <p class="error" role="alert">
        The text could not be parsed: {parsed.error}
      </p>
    );
  }
  const { speakers, attributions, segments, text } = parsed.value;
  const turnsBySpeaker = speakers.map(() => 0);
  for (const a of attributions) turnsBySpeaker[a.speaker]!++;
  const turns = showAll ? attributions : attributions.slice(0, FIRST_TURNS);

  return (
    <div class="parse-preview" data-testid="parse-preview">
      <p class="parse-summary" data-testid="parse-summary">
        {speakers.length} {speakers.length === 1 ? 'speaker' : 'speakers'} ·{' '}
        {segments.length.toLocaleString('en-US')} {segments.length === 1 ? 'passage' : 'passages'}
      </p>
      {speakers.length === 0 ? (
        <p class="muted">
          No speakers found: every passage will be attributed to the publisher. A transcript needs
          speaker labels at the start of lines (<code>Name:</code>).
        </p>
      ) : (
        <>
          <h4 class="subheading">Speakers</h4>
          <ul class="speakers" data-testid="parsed-speakers">
            {speakers.map((speaker, i) => {
              const detail = speakerDetail(speaker);
              return (
                <li key={i} data-testid="parsed-speaker">
                  <span class="speaker-name">{speaker.name}</span>
                  {detail && <span class="muted"> · {detail}</span>}
                  <span class="muted">
                    {' '}
                    ({turnsBySpeaker[i]} {turnsBySpeaker[i] === 1 ? 'turn' : 'turns'})
                  </span>
                </li>
              );
            })}
          </ul>
          <h4 class="subheading">Speaker turns</h4>
          <ol class="turns" data-testid="parsed-turns">
            {turns.map((a, i) => (
              <li key={i} class="turn" data-testid="parsed-turn">
                <span class="turn-speaker">{speakers[a.speaker]?.name}</span>
                {a.label && (
                  <span class="turn-label muted">
                    {' '}
                    (as “{text.slice(a.label.start, a.label.end).replace(/:$/, '')}”)
                  </span>
                )}
                <span class="turn-text">
                  {truncateWords(text.slice(a.start, a.end), TURN_CHARS)}
                </span>
              </li>
            ))}
          </ol>
          {attributions.length > FIRST_TURNS && (
            <button type="button" class="link-button" onClick={() => setShowAll(s => !s)}>
              {showAll ? 'Show fewer turns' : `Show all ${attributions.length} turns`}
            </button>
          )}
        </>
      )}
    </div>
  );
}

function safeParse(
  doc: SourceDocument,
): { ok: true; value: ParsedDocument } | { ok: false; error: string } {
  try {
    return { ok: true, value: parseDocument(doc) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
