/**
 * The options page: the corpus (list, import, edit, delete with undo,
 * export, reset) and the settings. Every change goes through the actions;
 * the background applies it and tells open tabs, so they update without a
 * reload.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

import { MAX_DOCUMENT_CHARS } from '@/lib/core/corpus-file';
import type { SourceDocument } from '@/lib/core/types';
import {
  distinctIds,
  formatCount,
  readImportFiles,
  readPage,
  type FileLike,
  type ReadProgress,
} from '@/lib/import/read-files';
import { loadBrowserPdfjs } from '@/lib/import/pdfjs-browser';
import { pastedDocument } from '@/lib/import/text-document';
import type { DocumentSummary } from '@/lib/messaging/protocol';
import type { CorpusActions } from '@/lib/ui/actions';
import { BrandMark } from '@/lib/ui/BrandMark';
import { IndexingStatus } from '@/lib/ui/IndexingStatus';

import { DocumentTable } from './components/DocumentTable';
import { EditDialog } from './components/EditDialog';
import { ImportPanel } from './components/ImportPanel';
import { ImportPreview } from './components/ImportPreview';
import { ResetDialog } from './components/ResetDialog';
import { SettingsPanel } from './components/SettingsPanel';
import { pushToast, type ToastMessage, Toasts } from './components/Toast';

export interface AppProps {
  actions: CorpusActions;
  /** "Add this page": the tab whose page to read into the import preview at once. */
  addTab?: number;
  /** Test seam: the editor's re-parse delay. */
  reparseDelayMs?: number;
  /** Test seam: how reading yields to the page between files. */
  yieldToUi?: () => Promise<void>;
  /** Test seam: today, for export file names. */
  today?: () => Date;
}

type FileError = { name: string; error: string };

export function App({
  actions,
  addTab,
  reparseDelayMs,
  yieldToUi,
  today = () => new Date(),
}: AppProps) {
  const [documents, setDocuments] = useState<DocumentSummary[] | null>(null);
  const [loadError, setLoadError] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [progress, setProgress] = useState<ReadProgress | null>(null);
  /** Bumped by every save: the indexing status is asked again. */
  const [saves, setSaves] = useState(0);
  const [importErrors, setImportErrors] = useState<FileError[]>([]);
  const [preview, setPreview] = useState<{
    drafts: SourceDocument[];
    skipped: FileError[];
    notice?: string;
  } | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [resetOpen, setResetOpen] = useState(false);
  const [resetting, setResetting] = useState(false);
  const [toasts, setToasts] = useState<ToastMessage[]>([]);
  const toastIds = useRef(0);

  const say = useCallback((message: Omit<ToastMessage, 'id'>) => {
    const id = ++toastIds.current;
    setToasts(stack => pushToast(stack, { ...message, id }));
    // A success makes an earlier import failure stale: it goes.
    if (message.tone !== 'error') setImportErrors([]);
  }, []);

  const load = useCallback(async () => {
    const result = await actions.listDocuments();
    if (result.ok) {
      setDocuments(result.value);
      setLoadError('');
      const ids = new Set(result.value.map(d => d.id));
      setSelected(s => new Set([...s].filter(id => ids.has(id))));
    } else setLoadError(result.error);
    return result;
  }, [actions]);

  useEffect(() => {
    void load();
  }, [load]);

  // Another page (the popup's pause switch, another options tab) may have changed the corpus or
  // the settings meanwhile: read them again whenever this page comes back into view.
  const [revision, setRevision] = useState(0);
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState !== 'visible') return;
      void load();
      setRevision(r => r + 1);
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [load]);

  // "Add this page" (popup, context menu): the page of tab `addTab`, read through its content script.
  useEffect(() => {
    if (addTab === undefined) return;
    void (async () => {
      setImportErrors([]);
      const source = await actions.readTab(addTab);
      if (!source.ok) {
        setImportErrors([
          { name: 'this page', error: `The page could not be read: ${source.error}` },
        ]);
        return;
      }
      const result = readPage(source.value);
      if (!result.ok) {
        setImportErrors([{ name: result.name, error: result.error }]);
        return;
      }
      const drafts = result.documents;
      const list = await actions.listDocuments();
      const url = drafts[0]?.sourceUrl;
      const stored =
        list.ok && url
          ? list.value.find(d => d.sourceUrl === url || d.id === drafts[0]?.id)
          : undefined;
      setPreview({
        drafts,
        skipped: [],
        ...(stored
          ? {
              notice: `This page is already in your corpus as “${stored.title}”. Saving it offers to replace the stored copy or keep both.`,
            }
          : {}),
      });
    })();
  }, [actions, addTab]);

  async function importFiles(files: FileLike[]) {
    setImportErrors([]);
    setProgress({ done: 0, total: files.length, current: files[0]?.name });
    const results = await readImportFiles(files, {
      onProgress: setProgress,
      loadPdfjs: loadBrowserPdfjs,
      ...(yieldToUi ? { yieldToUi } : {}),
    });
    setProgress(null);
    const drafts = distinctIds(results.flatMap(r => (r.ok ? r.documents : [])));
    const skipped = results.flatMap(r => (r.ok ? [] : [{ name: r.name, error: r.error }]));
    if (drafts.length === 0) setImportErrors(skipped);
    else setPreview({ drafts, skipped });
  }

  function importPasted(text: string) {
    setImportErrors([]);
    if (text.length > MAX_DOCUMENT_CHARS) {
      setImportErrors([
        {
          name: 'pasted text',
          error: `The pasted text is too long (${formatCount(text.length)} characters; the limit is ${formatCount(MAX_DOCUMENT_CHARS)})`,
        },
      ]);
      return;
    }
    setPreview({ drafts: [pastedDocument(text)], skipped: [] });
  }

  async function remove(docs: DocumentSummary[]) {
    const result = await actions.deleteDocuments(docs.map(d => d.id));
    if (!result.ok) {
      say({ text: `Nothing was deleted: ${result.error}`, tone: 'error' });
      return;
    }
    const { deleted } = result.value;
    await load();
    say({
      text:
        deleted.length === 1
          ? `Deleted “${deleted[0]!.title}”.`
          : `Deleted ${deleted.length} documents.`,
      action: { label: 'Undo', run: () => void undo(deleted) },
      focusAction: true,
    });
  }

  async function undo(deleted: SourceDocument[]) {
    const result = await actions.saveDocuments(deleted, 'replace');
    if (!result.ok) {
      say({ text: `Could not restore: ${result.error}`, tone: 'error' });
      return;
    }
    await load();
    say({
      text:
        deleted.length === 1
          ? `Restored “${deleted[0]!.title}”.`
          : `Restored ${deleted.length} documents.`,
    });
    // The Undo button is gone: put the focus on what came back.
    const first = result.value.saved[0];
    if (first !== undefined) {
      document
        .querySelector<HTMLElement>(`tr[data-id="${CSS.escape(first)}"] [data-testid="doc-title"]`)
        ?.focus();
    }
  }

  async function exportDocuments(ids?: string[]) {
    const result = await actions.exportCorpus(ids);
    if (!result.ok) {
      say({ text: `Export failed: ${result.error}`, tone: 'error' });
      return false;
    }
    const date = today().toISOString().slice(0, 10);
    const count = result.value.documents.length;
    const fileName = ids
      ? `verbatim-${count}-${count === 1 ? 'document' : 'documents'}-${date}.json`
      : `verbatim-corpus-${date}.json`;
    actions.downloadFile(
      fileName,
      `${JSON.stringify(result.value, null, 2)}\n`,
      'application/json',
    );
    say({ text: `Exported ${count} ${count === 1 ? 'document' : 'documents'} to ${fileName}.` });
    return true;
  }

  async function reset() {
    setResetting(true);
    const result = await actions.resetCorpus();
    setResetting(false);
    setResetOpen(false);
    if (!result.ok) {
      say({ text: `The corpus was not reset: ${result.error}`, tone: 'error' });
      return;
    }
    setSelected(new Set());
    await load();
    say({
      text: `The corpus was reset to the ${result.value.documents} documents that come with Verbatim.`,
    });
  }

  const selectedIds = documents ? documents.filter(d => selected.has(d.id)).map(d => d.id) : [];
  return (
    <div class="page">
      <header class="page-header">
        <p class="brand">
          <BrandMark size={24} />
          Verbatim
        </p>
        <h1>Your corpus</h1>
        <p class="lede">
          Verbatim matches the quotes on the pages you read against these documents. They stay on
          your computer.
        </p>
      </header>

      <main>
        <section class="panel" aria-labelledby="documents-heading">
          <div class="section-head">
            <h2 id="documents-heading">Documents</h2>
            <div class="section-actions">
              <button
                type="button"
                class="button secondary"
                disabled={!documents || documents.length === 0}
                onClick={() => void exportDocuments()}
                data-testid="export-all"
              >
                Export all
              </button>
              <button
                type="button"
                class="button secondary"
                disabled={selectedIds.length === 0}
                onClick={() => void exportDocuments(selectedIds)}
                data-testid="export-selected"
              >
                Export selected{selectedIds.length > 0 ? ` (${selectedIds.length})` : ''}
              </button>
            </div>
          </div>
          {loadError && (
            <div class="error" role="alert">
              <p>The corpus could not be loaded: {loadError}</p>
              <button type="button" class="button secondary" onClick={() => void load()}>
                Try again
              </button>
            </div>
          )}
          {!documents && !loadError && <p class="muted">Loading your corpus…</p>}
          {documents && (
            <DocumentTable
              documents={documents}
              selected={selected}
              onSelect={setSelected}
              readerUrl={id => actions.readerUrl({ documentId: id })}
              onEdit={doc => setEditing(doc.id)}
              onDelete={docs => void remove(docs)}
            />
          )}
        </section>

        <section class="panel" aria-labelledby="import-heading">
          <h2 id="import-heading">Import documents</h2>
          <ImportPanel
            onFiles={files => void importFiles(files)}
            onPaste={importPasted}
            progress={progress}
            errors={importErrors}
          />
          <IndexingStatus indexStatus={actions.indexStatus} check={saves} />
        </section>

        <section class="panel" aria-labelledby="settings-heading">
          <h2 id="settings-heading">Settings</h2>
          <SettingsPanel actions={actions} revision={revision} />
        </section>

        <section class="panel" aria-labelledby="reset-heading">
          <h2 id="reset-heading">Reset</h2>
          <p class="muted">
            Go back to the documents that come with Verbatim, deleting your imports and edits.
          </p>
          <button
            type="button"
            class="button danger-outline"
            onClick={() => setResetOpen(true)}
            data-testid="reset"
          >
            Reset to the bundled corpus…
          </button>
        </section>
      </main>

      <Toasts
        messages={toasts}
        onDismiss={id => setToasts(stack => stack.filter(t => t.id !== id))}
      />

      {preview && (
        <ImportPreview
          actions={actions}
          drafts={preview.drafts}
          skipped={preview.skipped}
          notice={preview.notice}
          reparseDelayMs={reparseDelayMs}
          onCancel={() => setPreview(null)}
          onSaved={(ids, docs) => {
            setPreview(null);
            setSaves(n => n + 1);
            void load();
            say({
              text:
                ids.length === 1
                  ? `Saved “${docs.find(d => d.id === ids[0])?.title ?? ids[0]}” as ${ids[0]}.`
                  : `Saved ${ids.length} documents.`,
            });
          }}
        />
      )}
      {editing && (
        <EditDialog
          actions={actions}
          id={editing}
          reparseDelayMs={reparseDelayMs}
          onClose={() => setEditing(null)}
          onSaved={summary => {
            setEditing(null);
            void load();
            say({ text: `Saved the changes to “${summary.title}”.` });
          }}
        />
      )}
      {resetOpen && documents && (
        <ResetDialog
          documents={documents.length}
          userDocuments={documents.filter(d => d.origin === 'user').length}
          busy={resetting}
          onCancel={() => setResetOpen(false)}
          onExport={() => void exportDocuments()}
          onConfirm={() => void reset()}
        />
      )}
    </div>
  );
}
