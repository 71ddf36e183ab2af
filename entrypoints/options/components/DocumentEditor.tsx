/**
 * A document's editable metadata (title, kind, date, publisher, source
 * address) and speaker aliases, with the parse preview beside them: the
 * import preview and the edit dialog both use it. Controlled: every edit
 * calls `onChange` with the whole document; the preview re-parses shortly
 * after the last edit.
 */
import { useMemo, useState } from 'preact/hooks';

import { isWebUrl } from '@/lib/core/corpus-file';
import { parseDocument } from '@/lib/core/parse-document';
import { DOCUMENT_KINDS, type DocumentKind, type SourceDocument } from '@/lib/core/types';
import { KIND_LABELS } from '@/lib/ui/format';

import { AliasEditor } from './AliasEditor';
import { useDebounced } from './hooks';
import { ParsePreview } from './ParsePreview';

/** How long the preview waits after an edit before parsing again. */
export const REPARSE_DELAY_MS = 150;

const DATE_RE = /^(\d{4})(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

/** What is wrong with a document's metadata, by field (empty: nothing). */
export function metadataProblems(
  doc: SourceDocument,
): Partial<Record<keyof SourceDocument, string>> {
  const problems: Partial<Record<keyof SourceDocument, string>> = {};
  if (!doc.title.trim()) problems.title = 'A title is needed.';
  if (doc.date && !DATE_RE.test(doc.date)) {
    problems.date = 'Write the date as YYYY-MM-DD, YYYY-MM or YYYY.';
  }
  if (doc.sourceUrl && !isWebUrl(doc.sourceUrl)) {
    problems.sourceUrl = 'Use a web address starting with https:// or http://.';
  }
  return problems;
}

export interface DocumentEditorProps {
  document: SourceDocument;
  onChange: (doc: SourceDocument) => void;
  /** Prefix for the fields' ids (several editors may exist over time). */
  idPrefix: string;
  /** Test seam: the re-parse delay. */
  reparseDelayMs?: number;
}

export function DocumentEditor({
  document: doc,
  onChange,
  idPrefix,
  reparseDelayMs = REPARSE_DELAY_MS,
}: DocumentEditorProps) {
  const settled = useDebounced(doc, reparseDelayMs);
  // A label the user asked to correct from the preview: the alias editor adds a row for it.
  const [request, setRequest] = useState<{ written: string; nonce: number } | undefined>();
  const problems = metadataProblems(doc);
  // Suggestions for aliases: what the parser found, without the user's aliases applied.
  const found = useMemo(() => {
    try {
      const parsed = parseDocument({ ...settled, aliases: {} });
      return {
        written: Object.keys(parsed.aliases).sort(),
        names: parsed.speakers.map(s => s.name),
      };
    } catch {
      return { written: [], names: [] };
    }
  }, [settled.text, settled.kind]);

  const field = (name: keyof SourceDocument) => `${idPrefix}-${name}`;
  const set = (changes: Partial<SourceDocument>) => onChange({ ...doc, ...changes });

  return (
    <div class="editor" data-testid="document-editor">
      <div class="editor-fields">
        <div class="field wide">
          <label for={field('title')}>Title</label>
          <textarea
            id={field('title')}
            class="title-input"
            rows={2}
            value={doc.title}
            aria-invalid={!!problems.title}
            aria-describedby={problems.title ? `${field('title')}-error` : undefined}
            // A title is one line: Enter does not break it.
            onKeyDown={e => e.key === 'Enter' && e.preventDefault()}
            onInput={e => set({ title: e.currentTarget.value.replace(/\s*\n\s*/g, ' ') })}
          />
          {problems.title && (
            <p id={`${field('title')}-error`} class="field-error">
              {problems.title}
            </p>
          )}
        </div>
        <div class="field">
          <label for={field('kind')}>Kind</label>
          <select
            id={field('kind')}
            value={doc.kind}
            onChange={e => set({ kind: e.currentTarget.value as DocumentKind })}
          >
            {DOCUMENT_KINDS.map(kind => (
              <option key={kind} value={kind}>
                {KIND_LABELS[kind]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for={field('date')}>Date</label>
          <input
            id={field('date')}
            type="text"
            inputMode="numeric"
            placeholder="YYYY-MM-DD"
            value={doc.date}
            aria-invalid={!!problems.date}
            aria-describedby={problems.date ? `${field('date')}-error` : undefined}
            onInput={e => set({ date: e.currentTarget.value.trim() })}
          />
          {problems.date && (
            <p id={`${field('date')}-error`} class="field-error">
              {problems.date}
            </p>
          )}
        </div>
        <div class="field">
          <label for={field('publisher')}>Publisher</label>
          <input
            id={field('publisher')}
            type="text"
            value={doc.publisher}
            onInput={e => set({ publisher: e.currentTarget.value })}
          />
        </div>
        <div class="field wide">
          <label for={field('sourceUrl')}>Source address</label>
          <input
            id={field('sourceUrl')}
            type="url"
            placeholder="https://…"
            value={doc.sourceUrl ?? ''}
            aria-invalid={!!problems.sourceUrl}
            aria-describedby={problems.sourceUrl ? `${field('sourceUrl')}-error` : undefined}
            onInput={e => {
              const value = e.currentTarget.value.trim();
              const { sourceUrl: _dropped, ...rest } = doc;
              onChange(value ? { ...rest, sourceUrl: value } : rest);
            }}
          />
          {problems.sourceUrl && (
            <p id={`${field('sourceUrl')}-error`} class="field-error">
              {problems.sourceUrl}
            </p>
          )}
        </div>
        <AliasEditor
          aliases={doc.aliases}
          suggestions={found.written}
          names={found.names}
          idPrefix={idPrefix}
          request={request}
          onChange={aliases => {
            const { aliases: _old, ...rest } = doc;
            onChange(Object.keys(aliases).length ? { ...rest, aliases } : rest);
          }}
        />
      </div>
      <section class="editor-preview" aria-label="How Verbatim reads this document">
        <h3 class="preview-heading">How Verbatim reads it</h3>
        <ParsePreview
          document={settled}
          onCorrect={written => setRequest(r => ({ written, nonce: (r?.nonce ?? 0) + 1 }))}
        />
      </section>
    </div>
  );
}
