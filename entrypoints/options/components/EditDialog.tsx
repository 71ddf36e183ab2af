/**
 * Editing a stored document's metadata and speaker aliases, with the parse
 * preview; Save sends only what changed (`updateDocument`).
 */
import { useEffect, useRef, useState } from 'preact/hooks';

import type { SourceDocument } from '@/lib/core/types';
import type { DocumentChanges, DocumentSummary } from '@/lib/messaging/protocol';
import type { CorpusActions } from '@/lib/ui/actions';
import { ModalDialog } from '@/lib/ui/ModalDialog';

import { DocumentEditor, metadataProblems } from './DocumentEditor';

export interface EditDialogProps {
  actions: CorpusActions;
  id: string;
  onSaved: (summary: DocumentSummary) => void;
  onClose: () => void;
  reparseDelayMs?: number;
}

/** The fields of `edited` that differ from `stored`, as `updateDocument` takes them. */
export function changesBetween(stored: SourceDocument, edited: SourceDocument): DocumentChanges {
  const changes: DocumentChanges = {};
  if (edited.title !== stored.title) changes.title = edited.title.trim();
  if (edited.kind !== stored.kind) changes.kind = edited.kind;
  if (edited.date !== stored.date) changes.date = edited.date;
  if (edited.publisher !== stored.publisher) changes.publisher = edited.publisher.trim();
  if ((edited.sourceUrl ?? '') !== (stored.sourceUrl ?? ''))
    changes.sourceUrl = edited.sourceUrl ?? '';
  if (JSON.stringify(edited.aliases ?? {}) !== JSON.stringify(stored.aliases ?? {})) {
    changes.aliases = edited.aliases ?? {};
  }
  return changes;
}

export function EditDialog({ actions, id, onSaved, onClose, reparseDelayMs }: EditDialogProps) {
  const [stored, setStored] = useState<SourceDocument | null>(null);
  const [draft, setDraft] = useState<SourceDocument | null>(null);
  const [error, setError] = useState('');
  const [saving, setSaving] = useState(false);
  const body = useRef<HTMLDivElement>(null);
  const loaded = draft !== null;

  useEffect(() => {
    void actions.getDocument(id).then(r => {
      if (r.ok) {
        setStored(r.value.document);
        setDraft(r.value.document);
      } else setError(r.error);
    });
  }, [actions, id]);

  // The dialog opens before the document arrives (focus on the dialog box): then the title.
  useEffect(() => {
    if (loaded) body.current?.querySelector<HTMLElement>('#edit-title')?.focus();
  }, [loaded]);

  async function save() {
    if (!stored || !draft) return;
    const problems = Object.values(metadataProblems(draft));
    if (problems.length) {
      setError(problems[0]!);
      return;
    }
    const changes = changesBetween(stored, draft);
    if (Object.keys(changes).length === 0) {
      onClose();
      return;
    }
    setSaving(true);
    const result = await actions.updateDocument(id, changes);
    setSaving(false);
    if (result.ok) onSaved(result.value);
    else setError(`Not saved: ${result.error}`);
  }

  return (
    <ModalDialog
      title={stored ? `Edit “${stored.title}”` : 'Edit document'}
      onClose={onClose}
      class="modal-wide"
      testId="edit-dialog"
    >
      {!draft && !error && <p class="muted">Loading…</p>}
      <div ref={body}>
        {draft && (
          <DocumentEditor
            idPrefix="edit"
            document={draft}
            onChange={setDraft}
            reparseDelayMs={reparseDelayMs}
          />
        )}
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="modal-footer">
        <button type="button" class="button secondary" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          class="button"
          disabled={!draft || saving}
          onClick={() => void save()}
          data-testid="save-edit"
        >
          {saving ? 'Saving…' : 'Save changes'}
        </button>
      </div>
    </ModalDialog>
  );
}
