/**
 * Speaker aliases: a name or label as written in the text → the speaker's
 * name (`NATO Secretary General` = `Jens Stoltenberg`), as rows the user
 * adds, edits and removes. Rows with nothing "as written" are left out of
 * the aliases, so a half-filled row changes nothing.
 */
import { useEffect, useState } from 'preact/hooks';

interface Row {
  key: number;
  written: string;
  name: string;
}

export interface AliasEditorProps {
  aliases: Record<string, string> | undefined;
  onChange: (aliases: Record<string, string>) => void;
  /** Labels and names the parser found, offered as suggestions for "as written". */
  suggestions: readonly string[];
  /** Names of the speakers found, offered for "speaker". */
  names: readonly string[];
  idPrefix: string;
  /**
   * A label to add a row for (from the parse preview's "Change"), with a number that changes
   * with each request: the row gets the label "as written" and the focus on its speaker.
   */
  request?: { written: string; nonce: number };
}

let nextKey = 1;

export function AliasEditor({
  aliases,
  onChange,
  suggestions,
  names,
  idPrefix,
  request,
}: AliasEditorProps) {
  const [rows, setRows] = useState<Row[]>(() =>
    Object.entries(aliases ?? {}).map(([written, name]) => ({ key: nextKey++, written, name })),
  );
  const [focusKey, setFocusKey] = useState<number | null>(null);

  useEffect(() => {
    if (!request) return;
    const existing = rows.find(r => r.written.trim() === request.written);
    if (existing) {
      setFocusKey(existing.key);
      return;
    }
    const row = { key: nextKey++, written: request.written, name: '' };
    setRows([...rows, row]);
    setFocusKey(row.key);
    // Only a new request adds a row (not a change of rows): the nonce alone is the dependency.
  }, [request?.nonce]);

  useEffect(() => {
    if (focusKey === null) return;
    (
      document.getElementById(`${idPrefix}-alias-name-${focusKey}`) as HTMLInputElement | null
    )?.focus();
  }, [focusKey, idPrefix]);

  function update(next: Row[]) {
    setRows(next);
    const record: Record<string, string> = {};
    for (const row of next) {
      if (row.written.trim() && row.name.trim()) record[row.written.trim()] = row.name.trim();
    }
    onChange(record);
  }

  const writtenList = `${idPrefix}-alias-written`;
  const nameList = `${idPrefix}-alias-names`;
  return (
    <fieldset class="aliases" data-testid="alias-editor">
      <legend>Speaker aliases</legend>
      <p class="muted field-help">
        Tell Verbatim that a label or name in the text is a speaker, e.g. “NATO Secretary General”
        is “Jens Stoltenberg”.
      </p>
      <datalist id={writtenList}>
        {suggestions.map(s => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <datalist id={nameList}>
        {names.map(s => (
          <option key={s} value={s} />
        ))}
      </datalist>
      {rows.length > 0 && (
        <ul class="alias-rows">
          {rows.map((row, i) => (
            <li key={row.key} class="alias-row" data-testid="alias-row">
              <label>
                <span class="field-label">As written</span>
                <input
                  type="text"
                  value={row.written}
                  list={writtenList}
                  aria-label={`Alias ${i + 1}: as written in the text`}
                  onInput={e =>
                    update(
                      rows.map(r => (r === row ? { ...r, written: e.currentTarget.value } : r)),
                    )
                  }
                />
              </label>
              <span class="alias-equals" aria-hidden="true">
                =
              </span>
              <label>
                <span class="field-label">Speaker</span>
                <input
                  id={`${idPrefix}-alias-name-${row.key}`}
                  type="text"
                  value={row.name}
                  list={nameList}
                  aria-label={`Alias ${i + 1}: speaker’s name`}
                  onInput={e =>
                    update(rows.map(r => (r === row ? { ...r, name: e.currentTarget.value } : r)))
                  }
                />
              </label>
              <button
                type="button"
                class="button secondary small"
                aria-label={`Remove alias ${i + 1}${row.written ? ` (${row.written})` : ''}`}
                onClick={() => update(rows.filter(r => r !== row))}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <button
        type="button"
        class="button secondary small"
        onClick={() => setRows([...rows, { key: nextKey++, written: '', name: '' }])}
      >
        Add an alias
      </button>
    </fieldset>
  );
}
