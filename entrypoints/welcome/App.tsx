/**
 * The first-run page: what Verbatim does, what the bundled corpus covers, how
 * to add sources, and a live example: a quote from the bundled news report,
 * matched by the real matcher as you read the page.
 */
import { useEffect, useState } from 'preact/hooks';

import type { QuoteMatch } from '@/lib/core/types';
import type { DocumentSummary, Result } from '@/lib/messaging/protocol';
import { BrandMark } from '@/lib/ui/BrandMark';
import { formatDate, KIND_LABELS } from '@/lib/ui/format';
import { PassageView } from '@/lib/ui/PassageView';
import { SpeakerLine } from '@/lib/ui/SpeakerLine';
import { VerdictBadge } from '@/lib/ui/VerdictBadge';

/** The example: a sentence of the bundled news report (8 January 2022) as it printed it. */
export const EXAMPLE_QUOTE =
  'NATO will engage in dialogue with Russia in good faith and on substance';
export const EXAMPLE_ATTRIBUTION = 'Stoltenberg said';

export interface WelcomeProps {
  listDocuments(): Promise<Result<DocumentSummary[]>>;
  matchQuote(text: string): Promise<Result<QuoteMatch | null>>;
  optionsUrl: string;
}

export function App({ listDocuments, matchQuote, optionsUrl }: WelcomeProps) {
  const [documents, setDocuments] = useState<DocumentSummary[] | null>(null);
  const [example, setExample] = useState<QuoteMatch | null | 'error' | undefined>(undefined);

  useEffect(() => {
    void listDocuments().then(r => setDocuments(r.ok ? r.value : []));
    void matchQuote(EXAMPLE_QUOTE).then(r => setExample(r.ok ? r.value : 'error'));
  }, [listDocuments, matchQuote]);

  const bundled = documents?.filter(d => d.origin === 'bundled') ?? [];
  return (
    <div class="welcome">
      <header>
        <p class="brand">
          <BrandMark size={28} />
          Verbatim
        </p>
        <h1>Where did that quote come from?</h1>
        <p class="lede">
          Verbatim spots the quotations on the pages you read and finds each one in your own corpus
          of primary documents: transcripts, statements, official briefs. Hover a marked quote to
          see the original passage, who said it, and how faithfully it was quoted. Everything stays
          on your computer; nothing is sent anywhere.
        </p>
      </header>

      <main>
        <section aria-labelledby="example-heading" class="card" data-testid="example">
          <h2 id="example-heading">See it work</h2>
          <p>
            A news report of 8 January 2022 printed: <q>{EXAMPLE_QUOTE}</q>, {EXAMPLE_ATTRIBUTION}.
            Verbatim finds it in the corpus that comes with it:
          </p>
          {example === undefined && <p class="muted">Looking it up…</p>}
          {example === 'error' && <p class="muted">The corpus could not be searched just now.</p>}
          {example === null && <p class="muted">Not found: the bundled documents were removed.</p>}
          {example && typeof example === 'object' && (
            <figure class="answer" data-testid="example-answer">
              <SpeakerLine speaker={example.speaker} as="h3" />
              <p class="muted">
                {[
                  KIND_LABELS[example.kind],
                  example.title,
                  example.date && formatDate(example.date),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
              <VerdictBadge verdict={example.verdict} explain />
              <PassageView
                passage={example.passage}
                contextBefore={example.contextBefore}
                contextAfter={example.contextAfter}
              />
            </figure>
          )}
        </section>

        <section aria-labelledby="corpus-heading" class="card">
          <h2 id="corpus-heading">What Verbatim knows now</h2>
          <p>
            It comes with {bundled.length || 'two'} documents from one day of diplomacy, 7 January
            2022: the NATO Secretary General’s press conference and the NATO Parliamentary
            Assembly’s policy brief on it. On most pages it will find nothing until you add the
            sources you care about.
          </p>
          {bundled.length > 0 && (
            <ul data-testid="bundled-list">
              {bundled.map(d => (
                <li key={d.id}>
                  {d.title} <span class="muted">({KIND_LABELS[d.kind]})</span>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section aria-labelledby="add-heading" class="card">
          <h2 id="add-heading">Add your sources</h2>
          <ul class="ways">
            <li>
              <strong>This page:</strong> on a transcript or statement you are reading, open the
              Verbatim toolbar button and choose <em>Add this page</em>, or right-click the page and
              choose <em>Add this page to Verbatim</em>. You check the title, date and speakers
              before it is saved.
            </li>
            <li>
              <strong>Files:</strong> PDF, Word (.docx), text, Markdown or HTML files, on the{' '}
              <a href={optionsUrl}>corpus page</a> (pick or drop them).
            </li>
            <li>
              <strong>Paste:</strong> paste a transcript’s text on the corpus page.
            </li>
            <li>
              <strong>Check a sentence:</strong> select words on any page (no quotation marks
              needed), right-click and choose <em>Find source in Verbatim</em>.
            </li>
          </ul>
          <p>
            <a class="button" href={optionsUrl}>
              Open your corpus
            </a>
          </p>
        </section>
      </main>
    </div>
  );
}
