/**
 * What the parser makes of a document, as the user edits it: its speakers
 * (with how many turns or quotations each has), each speaker label it read
 * and the person that label resolved to (with a button to correct it through
 * the alias editor), and its first speaker turns. Alias edits show up here at
 * once.
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
  /** The user wants to say who a label (as written) is; without it, no "Change" buttons. */
  onCorrect?: (label: string) => void;
}

/** A label as written before turns, the speaker it resolved to, and how many turns it opens. */
interface LabelRead {
  label: string;
  speaker: number;
  turns: number;
}

/** The distinct labels of a parsed document, in order of first use. */
export function labelsRead(parsed: ParsedDocument): LabelRead[] {
  const byLabel = new Map<string, LabelRead>();
  for (const a of parsed.attributions) {
    if (!a.label) continue;
    const label = parsed.text
      .slice(a.label.start, a.label.end)
      .replace(/[:.]$/u, '')
      .replace(/\s+/gu, ' ')
      .trim();
    const key = `${label}\u0000${a.speaker}`;
    const read = byLabel.get(key);
    if (read) read.turns++;
    else byLabel.set(key, { label, speaker: a.speaker, turns: 1 });
  }
  return [...byLabel.values()];
}

export function ParsePreview({ document: doc, onCorrect }: ParsePreviewProps) {
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
  const labels = labelsRead(parsed.value);

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
          {labels.length > 0 && (
            <>
              <h4 class="subheading">Labels read</h4>
              <ul class="labels-read" data-testid="parsed-labels">
                {labels.map(read => {
                  const speaker = speakers[read.speaker]!;
                  const detail = speakerDetail(speaker);
                  return (
                    <li key={`${read.label} ${read.speaker}`} data-testid="parsed-label">
                      <span class="label-as-written">“{read.label}”</span>
                      <span class="label-arrow" aria-label="read as">
                        {' '}
                        →{' '}
                      </span>
                      <span class="speaker-name" data-testid="label-speaker">
                        {speaker.name}
                      </span>
                      {detail && <span class="muted"> · {detail}</span>}
                      <span class="muted">
                        {' '}
                        ({read.turns} {read.turns === 1 ? 'turn' : 'turns'})
                      </span>
                      {onCorrect && (
                        <button
                          type="button"
                          class="link-button"
                          aria-label={`Change who “${read.label}” is`}
                          onClick={() => onCorrect(read.label)}
                        >
                          Change
                        </button>
                      )}
                    </li>
                  );
                })}
              </ul>
            </>
          )}
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
