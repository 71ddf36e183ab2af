/**
 * The toolbar popup: search the corpus as you type, open a passage in the
 * reader, and see (or pause) what Verbatim does on the current page.
 *
 * Keys in the search box: ↓/↑ move through the results, Enter opens the
 * selected one, Escape clears the box (and closes the popup when it is
 * already empty).
 */
import { useEffect, useRef, useState } from 'preact/hooks';

import type { QuoteMatch, SearchHit } from '@/lib/core/types';
import type { PopupActions } from '@/lib/ui/actions';
import { BrandMark } from '@/lib/ui/BrandMark';
import { IndexingStatus } from '@/lib/ui/IndexingStatus';

import { PagePanel } from './components/PagePanel';
import { QuoteCheck } from './components/QuoteCheck';
import { LISTBOX_ID, optionId, ResultList } from './components/ResultList';

/** (ui) A query of this many words or more is taken for a whole quote and checked for a source. */
export const WHOLE_QUOTE_WORDS = 8;

/** Wait this long after a keystroke before searching (a burst of typing makes one search). */
export const SEARCH_DEBOUNCE_MS = 60;
export const RESULT_LIMIT = 20;
/** The User Timing measure of each search call, from sending the query to its answer. */
export const SEARCH_MEASURE = 'verbatim:search';
/** Searches offered before typing: they find passages of the bundled corpus. */
export const EXAMPLE_SEARCHES = [
  'dual track approach',
  'severe consequences',
  'right of every nation to choose',
];

type SearchState =
  | { phase: 'idle' }
  | { phase: 'searching'; query: string }
  | { phase: 'done'; query: string; hits: SearchHit[] }
  | { phase: 'error'; query: string; error: string };

export interface AppProps {
  actions: PopupActions;
  /** Typed into the search box at the start (`popup.html?q=…`, "Search the corpus" from a page). */
  initialQuery?: string;
  /** Test seam: the typing pause before a search. */
  debounceMs?: number;
  /** Test seam: how often the page's counts are refreshed. */
  statsRefreshMs?: number;
}

export function App({
  actions,
  initialQuery = '',
  debounceMs = SEARCH_DEBOUNCE_MS,
  statsRefreshMs,
}: AppProps) {
  const [query, setQuery] = useState(initialQuery);
  const [addError, setAddError] = useState('');
  const [search, setSearch] = useState<SearchState>({ phase: 'idle' });
  const [active, setActive] = useState(-1);
  const [size, setSize] = useState<{ documents: number; passages: number } | null>(null);
  /** (ui) The matcher's answer for a query that looks like a whole quote. */
  const [quoteCheck, setQuoteCheck] = useState<{ query: string; match: QuoteMatch | null } | null>(
    null,
  );
  const input = useRef<HTMLInputElement>(null);
  /** Bumped by every change of the query: an answer to an older one is stale. */
  const generation = useRef(0);

  useEffect(() => {
    input.current?.focus();
    void actions.corpusSize().then(r => r.ok && setSize(r.value));
  }, [actions]);

  useEffect(() => {
    const current = ++generation.current;
    if (!query.trim()) {
      setSearch({ phase: 'idle' });
      setActive(-1);
      return;
    }
    const timer = setTimeout(() => {
      setSearch(previous => (previous.phase === 'done' ? previous : { phase: 'searching', query }));
      const started = performance.now();
      void actions.searchCorpus(query, RESULT_LIMIT).then(result => {
        // Search time per keystroke, as a User Timing entry (read by the e2e measurement).
        performance.measure(SEARCH_MEASURE, { start: started, detail: query });
        if (current !== generation.current) return;
        if (result.ok) {
          setSearch({ phase: 'done', query, hits: result.value });
          if (query.trim().split(/\s+/).length >= WHOLE_QUOTE_WORDS) {
            void actions.checkQuote(query).then(check => {
              if (current === generation.current && check.ok) {
                setQuoteCheck({ query, match: check.value });
              }
            });
          } else setQuoteCheck(null);
          setActive(result.value.length > 0 ? 0 : -1);
        } else {
          setSearch({ phase: 'error', query, error: result.error });
          setActive(-1);
        }
      });
    }, debounceMs);
    return () => clearTimeout(timer);
  }, [query, actions, debounceMs]);

  const hits = search.phase === 'done' ? search.hits : [];
  const stale = search.phase === 'done' && search.query !== query;

  function open(hit: SearchHit) {
    void actions
      .openReader({ documentId: hit.documentId, start: hit.start, end: hit.end })
      .then(() => actions.close());
  }

  function onKeyDown(e: KeyboardEvent) {
    switch (e.key) {
      case 'ArrowDown':
        if (hits.length === 0) return;
        e.preventDefault();
        setActive(i => Math.min(i + 1, hits.length - 1));
        break;
      case 'ArrowUp':
        if (hits.length === 0) return;
        e.preventDefault();
        setActive(i => Math.max(i - 1, 0));
        break;
      case 'Enter': {
        const hit = hits[active];
        if (!hit) return;
        e.preventDefault();
        open(hit);
        break;
      }
      case 'Escape':
        e.preventDefault();
        if (query) setQuery('');
        else actions.close();
        break;
    }
  }

  const expanded = hits.length > 0;
  const checked = search.phase === 'done' && quoteCheck?.query === search.query ? quoteCheck : null;
  const noSource = !!checked && checked.match === null;
  return (
    <div class="popup">
      <div class="top">
        <header class="popup-header">
          <h1 class="brand">
            <BrandMark size={22} />
            Verbatim
          </h1>
          <button type="button" class="link-button" onClick={() => void actions.openOptions()}>
            Manage corpus
          </button>
        </header>

        <div class="search" role="search">
          <label class="vb-sr-only" for="vb-search">
            Search your sources
          </label>
          <input
            ref={input}
            id="vb-search"
            type="search"
            class="search-input"
            placeholder="Search the words of a quote…"
            autocomplete="off"
            spellcheck={false}
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={expanded}
            aria-controls={LISTBOX_ID}
            aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
            aria-describedby="vb-search-help"
            value={query}
            onInput={e => setQuery(e.currentTarget.value)}
            onKeyDown={onKeyDown}
            data-testid="search"
          />
          <p id="vb-search-help" class="vb-sr-only">
            Results appear as you type. Up and down arrows choose a result, Enter opens it in the
            reader, Escape clears the search.
          </p>
        </div>
      </div>

      <p class="vb-sr-only" role="status" data-testid="search-status">
        {search.phase === 'done' &&
          (search.hits.length === 0
            ? 'No passages found.'
            : `${search.hits.length} ${search.hits.length === 1 ? 'passage' : 'passages'} found.`)}
      </p>

      <IndexingStatus indexStatus={actions.indexStatus} />
      <main class="body">
        {search.phase === 'idle' && (
          <section class="empty" data-testid="empty-state" aria-label="Getting started">
            <p class="hint">
              Type words you remember from a quote. Typos and word order don’t matter.
            </p>
            <p class="examples-label" id="examples-label">
              Try:
            </p>
            <ul class="examples" aria-labelledby="examples-label">
              {EXAMPLE_SEARCHES.map(example => (
                <li key={example}>
                  <button
                    type="button"
                    class="chip"
                    onClick={() => {
                      setQuery(example);
                      input.current?.focus();
                    }}
                  >
                    {example}
                  </button>
                </li>
              ))}
            </ul>
            <p class="corpus-size muted" data-testid="corpus-size">
              {size
                ? `Searching ${size.documents} ${size.documents === 1 ? 'document' : 'documents'} · ${size.passages.toLocaleString('en-US')} passages`
                : 'Loading your corpus…'}
            </p>
          </section>
        )}

        {search.phase === 'searching' && <p class="muted searching">Searching…</p>}

        {search.phase === 'error' && (
          <p class="error" role="alert">
            Search failed: {search.error}
          </p>
        )}

        {search.phase === 'done' && search.hits.length === 0 && (
          <section class="empty" data-testid="no-results" aria-label="No results">
            <p class="hint">
              No passage matches <strong>“{search.query}”</strong>.
            </p>
            <p class="muted">
              Try fewer words, or other words from the quote. Verbatim searches only the documents
              in your corpus: add the source on the options page.
            </p>
            <button type="button" class="button" onClick={() => void actions.openOptions()}>
              Add documents
            </button>
          </section>
        )}

        {checked && (
          <QuoteCheck
            match={checked.match}
            onOpen={target =>
              void actions
                .openReader({ documentId: target.documentId, start: target.start, end: target.end })
                .then(() => actions.close())
            }
          />
        )}

        {hits.length > 0 && (
          <ResultList
            noSource={noSource}
            hits={hits}
            active={active}
            busy={stale}
            onActivate={setActive}
            onOpen={open}
          />
        )}
      </main>

      <section class="add-page" aria-label="Add sources">
        <button
          type="button"
          class="button secondary"
          data-testid="add-page"
          onClick={() => {
            setAddError('');
            void actions.addPage().then(r => {
              if (r.ok) actions.close();
              else setAddError(r.error);
            });
          }}
        >
          Add this page
        </button>
        <button type="button" class="link-button" onClick={() => void actions.openWelcome()}>
          How to add sources
        </button>
        {addError && (
          <p class="error" role="alert" data-testid="add-page-error">
            {addError}
          </p>
        )}
      </section>

      <PagePanel actions={actions} refreshMs={statsRefreshMs} />
    </div>
  );
}
