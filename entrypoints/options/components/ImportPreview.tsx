/**
 * The import preview: every document read from the files (or pasted), with
 * its metadata and aliases editable and the parse shown live, before
 * anything is saved. Saving is one call, one transaction: all the documents
 * are saved or none is; while it runs, the dialog shows how many are
 * written. A duplicate (same id or same text already stored) stops the save
 * and offers to replace the stored document or keep both.
 */
import { useEffect, useRef, useState } from 'preact/hooks';

import type { SourceDocument } from '@/lib/core/types';
import type { ConflictPolicy } from '@/lib/messaging/protocol';
import { isDuplicateError, type CorpusActions } from '@/lib/ui/actions';
import { KIND_LABELS } from '@/lib/ui/format';
import { IndexingStatus } from '@/lib/ui/IndexingStatus';
import { ModalDialog } from '@/lib/ui/ModalDialog';

import { DocumentEditor, metadataProblems } from './DocumentEditor';

export interface ImportPreviewProps {
  actions: CorpusActions;
  drafts: readonly SourceDocument[];
  /** Files that could not be read, with why. */
  skipped: ReadonlyArray<{ name: string; error: string }>;
  /** Said above the documents (e.g. the page is already in the corpus). */
  notice?: string;
  /** The documents were saved, under these ids. */
  onSaved: (ids: string[], documents: SourceDocument[]) => void;
  onCancel: () => void;
  /** Test seam: the editor's re-parse delay. */
  reparseDelayMs?: number;
}

export function ImportPreview({
  actions,
  drafts,
  skipped,
  notice,
  onSaved,
  onCancel,
  reparseDelayMs,
}: ImportPreviewProps) {
  const [docs, setDocs] = useState<SourceDocument[]>(() => [...drafts]);
  const [selected, setSelected] = useState(0);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState('');
  const [conflict, setConflict] = useState('');
  const conflictBox = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (conflict) conflictBox.current?.querySelector<HTMLElement>('button')?.focus();
  }, [conflict]);

  const current = docs[selected];

  async function save(policy: ConflictPolicy) {
    const invalid = docs.findIndex(d => Object.keys(metadataProblems(d)).length > 0);
    if (invalid >= 0) {
      const doc = docs[invalid]!;
      setSelected(invalid);
      setError(
        `Check the details of “${doc.title || doc.id}”: ${Object.values(metadataProblems(doc))[0]}`,
      );
      return;
    }
    setSaving(true);
    setError('');
    setConflict('');
    const result = await actions.saveDocuments(docs, policy);
    setSaving(false);
    if (result.ok) onSaved(result.value.saved, docs);
    else if (policy === 'fail' && isDuplicateError(result.error)) setConflict(result.error);
    else setError(`Nothing was saved: ${result.error}`);
  }

  const count = docs.length;
  const noun = count === 1 ? 'document' : 'documents';
  return (
    <ModalDialog
      title={`Check ${count} ${noun} before saving`}
      onClose={onCancel}
      class="modal-wide"
      testId="import-preview"
    >
      {notice && (
        <p class="notice warn" data-testid="import-notice">
          {notice}
        </p>
      )}
      {skipped.length > 0 && (
        <div class="notice warn" data-testid="import-skipped">
          <p>
            {skipped.length === 1 ? 'One file' : `${skipped.length} files`} cannot be imported and
            will be left out:
          </p>
          <ul>
            {skipped.map((s, i) => (
              <li key={i}>{s.error}</li>
            ))}
          </ul>
        </div>
      )}

      <div class={count > 1 ? 'preview-layout' : 'preview-layout single'}>
        {count > 1 && (
          <nav aria-label="Documents to import" class="draft-nav">
            <ul class="draft-list">
              {docs.map((doc, i) => (
                <li key={doc.id}>
                  <button
                    type="button"
                    class="draft-button"
                    aria-current={i === selected ? 'true' : undefined}
                    onClick={() => setSelected(i)}
                  >
                    <span class="draft-title">{doc.title || doc.id}</span>
                    <span class="muted">{KIND_LABELS[doc.kind]}</span>
                  </button>
                </li>
              ))}
            </ul>
          </nav>
        )}
        {current && (
          <div class="draft">
            <p class="muted draft-id">
              Saved as <code>{current.id}</code> · {current.text.length.toLocaleString('en-US')}{' '}
              characters
              {count > 1 && (
                <>
                  {' · '}
                  <button
                    type="button"
                    class="link-button"
                    onClick={() => {
                      setDocs(docs.filter((_, i) => i !== selected));
                      setSelected(s => Math.max(0, Math.min(s, count - 2)));
                    }}
                  >
                    Leave this one out
                  </button>
                </>
              )}
            </p>
            <DocumentEditor
              key={current.id}
              idPrefix={`import-${selected}`}
              document={current}
              reparseDelayMs={reparseDelayMs}
              onChange={doc => setDocs(docs.map((d, i) => (i === selected ? doc : d)))}
            />
          </div>
        )}
      </div>

      {conflict && (
        <div class="notice warn conflict" role="alert" ref={conflictBox} data-testid="conflict">
          <p>
            <strong>Already in your corpus:</strong> {conflict}.
          </p>
          <p>
            Replace the stored document with the imported one, or keep both (the imported one gets a
            new id)? Nothing is saved until you choose.
          </p>
          <div class="buttons">
            <button
              type="button"
              class="button"
              disabled={saving}
              onClick={() => void save('replace')}
            >
              Replace
            </button>
            <button
              type="button"
              class="button secondary"
              disabled={saving}
              onClick={() => void save('keep-both')}
            >
              Keep both
            </button>
            <button type="button" class="button secondary" onClick={() => setConflict('')}>
              Back to the preview
            </button>
          </div>
        </div>
      )}

      {error && (
        <p class="error" role="alert" data-testid="import-error">
          {error}
        </p>
      )}

      {saving && (
        <IndexingStatus indexStatus={actions.indexStatus} keepAsking testId="save-progress" />
      )}

      <div class="modal-footer">
        <button type="button" class="button secondary" onClick={onCancel}>
          Cancel
        </button>
        <button
          type="button"
          class="button"
          disabled={saving || count === 0}
          onClick={() => void save('fail')}
          data-testid="save-import"
        >
          {saving ? `Saving ${count} ${noun}…` : `Save ${count} ${noun}`}
        </button>
      </div>
    </ModalDialog>
  );
}
