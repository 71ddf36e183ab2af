/**
 * Where documents come in: a file picker, a drop zone (the picker and the
 * paste box are its keyboard alternatives), and a box to paste text into.
 * While files are read it shows a progress bar ("Reading 3 of 12…").
 */
import { useRef, useState } from 'preact/hooks';

import { ACCEPTED_EXTENSIONS, type ReadProgress } from '@/lib/import/read-files';

export interface ImportPanelProps {
  onFiles: (files: File[]) => void;
  onPaste: (text: string) => void;
  /** Reading in progress, or null. */
  progress: ReadProgress | null;
  /** Why the last files could not be imported (none could). */
  errors: ReadonlyArray<{ name: string; error: string }>;
}

export function ImportPanel({ onFiles, onPaste, progress, errors }: ImportPanelProps) {
  const picker = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [pasted, setPasted] = useState('');
  const [pasteError, setPasteError] = useState('');
  const busy = progress !== null;

  function take(list: FileList | null | undefined) {
    const files = list ? Array.from(list) : [];
    if (files.length > 0 && !busy) onFiles(files);
  }

  return (
    <div class="import" data-testid="import-panel">
      <div
        class={dragging ? 'drop-zone dragging' : 'drop-zone'}
        data-testid="drop-zone"
        onDragEnter={e => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragOver={e => {
          e.preventDefault();
          if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
        }}
        onDragLeave={e => {
          if (!(e.currentTarget as Element).contains(e.relatedTarget as Node | null)) {
            setDragging(false);
          }
        }}
        onDrop={e => {
          e.preventDefault();
          setDragging(false);
          take(e.dataTransfer?.files);
        }}
      >
        <p class="drop-title">Drop files here</p>
        <p class="muted">
          Transcripts, statements and articles as <strong>.pdf</strong>, Word (
          <strong>.docx</strong>), <strong>.txt</strong>, <strong>.md</strong>,{' '}
          <strong>.html</strong>, or a Verbatim export (<strong>.json</strong>). You check each
          document before it is saved.
        </p>
        <button
          type="button"
          class="button"
          disabled={busy}
          onClick={() => picker.current?.click()}
        >
          Choose files…
        </button>
        <input
          ref={picker}
          type="file"
          multiple
          accept={ACCEPTED_EXTENSIONS.join(',')}
          class="vb-sr-only"
          tabIndex={-1}
          aria-hidden="true"
          data-testid="file-input"
          onChange={e => {
            take(e.currentTarget.files);
            // The same file chosen again must fire `change` again.
            e.currentTarget.value = '';
          }}
        />
      </div>

      <div role="status" class="import-progress" data-testid="import-progress">
        {progress && (
          <>
            <progress
              max={progress.pages && progress.total === 1 ? progress.pages.total : progress.total}
              value={
                progress.pages && progress.total === 1
                  ? progress.pages.done
                  : progress.total > 1
                    ? progress.done
                    : undefined
              }
              aria-label="Reading files"
            />
            <span>
              {progress.total > 1
                ? `Reading ${Math.min(progress.done + 1, progress.total)} of ${progress.total}…`
                : `Reading ${progress.current ?? 'the file'}…`}
              {progress.pages && ` page ${progress.pages.done} of ${progress.pages.total}`}
            </span>
          </>
        )}
      </div>

      {errors.length > 0 && (
        <div class="import-errors" role="alert" data-testid="import-errors">
          <p>
            <strong>Nothing was imported.</strong>
          </p>
          <ul>
            {errors.map((e, i) => (
              <li key={i}>{e.error}</li>
            ))}
          </ul>
        </div>
      )}

      <form
        class="paste"
        onSubmit={e => {
          e.preventDefault();
          if (!pasted.trim()) {
            setPasteError('Paste the text of a document first.');
            return;
          }
          setPasteError('');
          onPaste(pasted);
        }}
      >
        <label for="paste-text" class="field-label-strong">
          Or paste a document’s text
        </label>
        <textarea
          id="paste-text"
          rows={5}
          value={pasted}
          placeholder="Minister Jane Doe: Good morning…"
          aria-invalid={!!pasteError}
          aria-describedby={pasteError ? 'paste-error' : undefined}
          onInput={e => setPasted(e.currentTarget.value)}
          data-testid="paste-text"
        />
        {pasteError && (
          <p id="paste-error" class="field-error">
            {pasteError}
          </p>
        )}
        <button type="submit" class="button secondary" disabled={busy}>
          Preview pasted text
        </button>
      </form>
    </div>
  );
}
