/**
 * The confirmation before the corpus is reset to the bundled documents: it
 * says what will be lost and offers to export first. The safe choice
 * (Cancel) has the focus; Escape cancels.
 */
import { ModalDialog } from '@/lib/ui/ModalDialog';

export interface ResetDialogProps {
  documents: number;
  userDocuments: number;
  busy: boolean;
  onConfirm: () => void;
  onExport: () => void;
  onCancel: () => void;
}

export function ResetDialog({
  documents,
  userDocuments,
  busy,
  onConfirm,
  onExport,
  onCancel,
}: ResetDialogProps) {
  return (
    <ModalDialog
      title="Reset the corpus?"
      role="alertdialog"
      describedBy="reset-description"
      onClose={onCancel}
      testId="reset-dialog"
    >
      <div id="reset-description">
        <p>
          All {documents} {documents === 1 ? 'document' : 'documents'} in your corpus will be
          deleted and replaced by the documents that come with Verbatim.
          {userDocuments > 0 &&
            ` ${userDocuments} of them ${userDocuments === 1 ? 'is' : 'are'} your own imports or edits, which will be lost.`}
        </p>
        <p>Export your corpus first if you want to keep a copy. This cannot be undone.</p>
      </div>
      <div class="modal-footer">
        <button type="button" class="button secondary" onClick={onExport}>
          Export first
        </button>
        <button type="button" class="button secondary" data-autofocus onClick={onCancel}>
          Cancel
        </button>
        <button
          type="button"
          class="button danger"
          disabled={busy}
          onClick={onConfirm}
          data-testid="confirm-reset"
        >
          {busy ? 'Resetting…' : 'Reset corpus'}
        </button>
      </div>
    </ModalDialog>
  );
}
