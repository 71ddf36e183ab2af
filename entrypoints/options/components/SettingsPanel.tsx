/**
 * Settings: how strict matching is, the shortest quote Verbatim looks at,
 * and the sites where it never runs. Each change is saved at once; the
 * background tells open tabs, which match again without a reload.
 */
import { useEffect, useState } from 'preact/hooks';

import type { Settings } from '@/lib/messaging/protocol';
import type { CorpusActions } from '@/lib/ui/actions';
import { ToggleSwitch } from '@/lib/ui/ToggleSwitch';

const SENSITIVITIES: ReadonlyArray<{
  value: Settings['sensitivity'];
  label: string;
  help: string;
}> = [
  {
    value: 'strict',
    label: 'Strict',
    help: 'Only quotes that follow the source almost word for word.',
  },
  { value: 'balanced', label: 'Balanced', help: 'Also quotes with small edits. The default.' },
  { value: 'loose', label: 'Loose', help: 'Also looser quotes and close paraphrases.' },
];

export const MIN_WORDS = 1;
export const MAX_WORDS = 50;

export interface SettingsPanelProps {
  actions: CorpusActions;
  /** Bumped when the settings may have changed elsewhere: they are read again. */
  revision?: number;
}

export function SettingsPanel({ actions, revision = 0 }: SettingsPanelProps) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [minWords, setMinWords] = useState('');
  const [newSite, setNewSite] = useState('');
  const [status, setStatus] = useState('');
  const [error, setError] = useState<{
    field: 'minWords' | 'site' | 'general';
    message: string;
  } | null>(null);

  useEffect(() => {
    void actions.getSettings().then(r => {
      if (r.ok) {
        setSettings(r.value);
        setMinWords(String(r.value.minQuoteWords));
      } else setError({ field: 'general', message: r.error });
    });
  }, [actions, revision]);

  async function save(
    changes: Partial<Settings>,
    field: 'minWords' | 'site' | 'general',
    done: string,
  ) {
    setStatus('');
    const result = await actions.updateSettings(changes);
    if (result.ok) {
      setSettings(result.value);
      setMinWords(String(result.value.minQuoteWords));
      setError(null);
      setStatus(`${done} Open tabs use it now.`);
      return true;
    }
    setError({ field, message: result.error });
    return false;
  }

  if (!settings) {
    return error ? (
      <p class="error" role="alert">
        {error.message}
      </p>
    ) : (
      <p class="muted">Loading settings…</p>
    );
  }

  function saveMinWords() {
    const value = Number(minWords);
    if (
      minWords.trim() === '' ||
      !Number.isInteger(value) ||
      value < MIN_WORDS ||
      value > MAX_WORDS
    ) {
      setError({
        field: 'minWords',
        message: `Enter a whole number of words from ${MIN_WORDS} to ${MAX_WORDS}.`,
      });
      return;
    }
    if (value === settings!.minQuoteWords) return;
    void save(
      { minQuoteWords: value },
      'minWords',
      `Quotes shorter than ${value} words are ignored.`,
    );
  }

  return (
    <div class="settings" data-testid="settings">
      <fieldset class="setting">
        <legend>Match sensitivity</legend>
        {SENSITIVITIES.map(s => (
          <label key={s.value} class="radio">
            <input
              type="radio"
              name="sensitivity"
              value={s.value}
              checked={settings.sensitivity === s.value}
              aria-describedby={`sensitivity-${s.value}-help`}
              onChange={() =>
                void save(
                  { sensitivity: s.value },
                  'general',
                  `Match sensitivity: ${s.label.toLowerCase()}.`,
                )
              }
            />
            <span>
              <span class="radio-label">{s.label}</span>
              <span id={`sensitivity-${s.value}-help`} class="muted radio-help">
                {s.help}
              </span>
            </span>
          </label>
        ))}
      </fieldset>

      <div class="setting">
        <label for="min-words" class="setting-title">
          Minimum quote length
        </label>
        <p id="min-words-help" class="muted field-help">
          Shorter quotes are ignored on pages (scare quotes, single words).
        </p>
        <form
          class="inline-form"
          onSubmit={e => {
            e.preventDefault();
            saveMinWords();
          }}
        >
          <input
            id="min-words"
            type="number"
            min={MIN_WORDS}
            max={MAX_WORDS}
            step={1}
            value={minWords}
            class="narrow"
            aria-invalid={error?.field === 'minWords'}
            aria-describedby={
              error?.field === 'minWords' ? 'min-words-help min-words-error' : 'min-words-help'
            }
            onInput={e => setMinWords(e.currentTarget.value)}
            onChange={saveMinWords}
            data-testid="min-words"
          />
          <span class="unit">words</span>
        </form>
        {error?.field === 'minWords' && (
          <p id="min-words-error" class="field-error">
            {error.message}
          </p>
        )}
      </div>

      <div class="setting" data-testid="mark-unmatched-setting">
        <ToggleSwitch
          id="mark-unmatched"
          checked={settings.markUnmatched !== false}
          label="Mark quotes without a source"
          description="A faint dotted line under quotes Verbatim checked and found in no document of your corpus."
          onChange={next =>
            void save(
              { markUnmatched: next },
              'general',
              next
                ? 'Quotes without a source are marked.'
                : 'Quotes without a source are not marked.',
            )
          }
        />
      </div>

      <div class="setting" data-testid="mark-copies-setting">
        <ToggleSwitch
          id="mark-copies"
          checked={settings.markCopies !== false}
          label="Mark unmarked copies"
          description="Lines above and below paragraphs that reproduce a document of your corpus without quotation marks (12 words or more)."
          onChange={next =>
            void save(
              { markCopies: next },
              'general',
              next ? 'Unmarked copies are marked.' : 'Unmarked copies are not marked.',
            )
          }
        />
      </div>

      <div class="setting">
        <h3 class="setting-title" id="sites-title">
          Sites where Verbatim never runs
        </h3>
        <p class="muted field-help">
          A site also covers its subdomains: example.com covers www.example.com.
        </p>
        {settings.disabledSites.length > 0 ? (
          <ul class="sites" aria-labelledby="sites-title" data-testid="disabled-sites">
            {settings.disabledSites.map(site => (
              <li key={site}>
                <span class="site">{site}</span>
                <button
                  type="button"
                  class="button secondary small"
                  aria-label={`Remove ${site}`}
                  onClick={() =>
                    void save(
                      { disabledSites: settings.disabledSites.filter(s => s !== site) },
                      'site',
                      `Verbatim runs on ${site} again.`,
                    )
                  }
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">None: Verbatim runs on every site.</p>
        )}
        <form
          class="inline-form"
          onSubmit={e => {
            e.preventDefault();
            const site = newSite.trim();
            if (!site) {
              setError({ field: 'site', message: 'Type a host name, like example.com.' });
              return;
            }
            void save(
              { disabledSites: [...settings.disabledSites, site] },
              'site',
              `Verbatim no longer runs on ${site}.`,
            ).then(ok => ok && setNewSite(''));
          }}
        >
          <label for="new-site" class="vb-sr-only">
            Host name to add
          </label>
          <input
            id="new-site"
            type="text"
            placeholder="example.com"
            value={newSite}
            aria-invalid={error?.field === 'site'}
            aria-describedby={error?.field === 'site' ? 'site-error' : undefined}
            onInput={e => setNewSite(e.currentTarget.value)}
            data-testid="new-site"
          />
          <button type="submit" class="button secondary">
            Add site
          </button>
        </form>
        {error?.field === 'site' && (
          <p id="site-error" class="field-error">
            {error.message}
          </p>
        )}
      </div>

      {error?.field === 'general' && (
        <p class="error" role="alert">
          {error.message}
        </p>
      )}
      <p class="muted saved-status" role="status" data-testid="settings-status">
        {status}
      </p>
    </div>
  );
}
