/**
 * The corpus list: sortable by any column (click a header; `aria-sort`
 * says how it is sorted), filtered by a text box, with a checkbox per row
 * for exporting or deleting a selection, and per-row Open, Edit and Delete.
 */
import { useMemo, useState } from 'preact/hooks';

import type { DocumentSummary } from '@/lib/messaging/protocol';
import { formatDate, KIND_LABELS } from '@/lib/ui/format';

export type SortKey = 'title' | 'kind' | 'date' | 'publisher' | 'speakers' | 'passages' | 'size';
type Direction = 'ascending' | 'descending';

const COLUMNS: ReadonlyArray<{ key: SortKey; label: string; numeric?: boolean }> = [
  { key: 'title', label: 'Title' },
  { key: 'kind', label: 'Kind' },
  { key: 'date', label: 'Date' },
  { key: 'publisher', label: 'Publisher' },
  { key: 'speakers', label: 'Speakers', numeric: true },
  { key: 'passages', label: 'Passages', numeric: true },
  { key: 'size', label: 'Size', numeric: true },
];

export interface DocumentTableProps {
  documents: readonly DocumentSummary[];
  selected: ReadonlySet<string>;
  onSelect: (ids: Set<string>) => void;
  readerUrl: (id: string) => string;
  onEdit: (doc: DocumentSummary) => void;
  onDelete: (docs: DocumentSummary[]) => void;
}

/** `27.3k` characters and the like. */
export function formatSize(chars: number): string {
  if (chars < 1000) return `${chars} chars`;
  if (chars < 1_000_000) return `${(chars / 1000).toFixed(chars < 10_000 ? 1 : 0)}k chars`;
  return `${(chars / 1_000_000).toFixed(1)}M chars`;
}

export function DocumentTable({
  documents,
  selected,
  onSelect,
  readerUrl,
  onEdit,
  onDelete,
}: DocumentTableProps) {
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; direction: Direction }>({
    key: 'title',
    direction: 'ascending',
  });

  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const rows = needle
      ? documents.filter(d =>
          [d.title, d.publisher, d.id, d.date, KIND_LABELS[d.kind], formatDate(d.date)].some(v =>
            v.toLowerCase().includes(needle),
          ),
        )
      : [...documents];
    const sign = sort.direction === 'ascending' ? 1 : -1;
    return rows.sort((a, b) => {
      const x = a[sort.key];
      const y = b[sort.key];
      const order =
        typeof x === 'number' && typeof y === 'number'
          ? x - y
          : String(x).localeCompare(String(y), undefined, { sensitivity: 'base', numeric: true });
      return sign * order || a.title.localeCompare(b.title);
    });
  }, [documents, filter, sort]);

  function sortBy(key: SortKey) {
    setSort(s =>
      s.key === key
        ? { key, direction: s.direction === 'ascending' ? 'descending' : 'ascending' }
        : // Numbers and dates read best largest/newest first.
          {
            key,
            direction:
              COLUMNS.find(c => c.key === key)?.numeric || key === 'date'
                ? 'descending'
                : 'ascending',
          },
    );
  }

  const allShownSelected = shown.length > 0 && shown.every(d => selected.has(d.id));
  const selectedDocs = documents.filter(d => selected.has(d.id));

  return (
    <div class="documents">
      <div class="table-tools">
        <div class="filter">
          <label for="doc-filter">Filter</label>
          <input
            id="doc-filter"
            type="search"
            placeholder="Title, publisher, kind or date"
            value={filter}
            onInput={e => setFilter(e.currentTarget.value)}
            data-testid="doc-filter"
          />
        </div>
        <p class="muted count" role="status" data-testid="doc-count">
          {filter.trim()
            ? `${shown.length} of ${documents.length} documents match`
            : `${documents.length} ${documents.length === 1 ? 'document' : 'documents'}`}
          {selected.size > 0 && ` · ${selected.size} selected`}
        </p>
        {selectedDocs.length > 0 && (
          <button
            type="button"
            class="button danger small"
            onClick={() => onDelete(selectedDocs)}
            data-testid="delete-selected"
          >
            Delete {selectedDocs.length} selected
          </button>
        )}
      </div>

      <div class="table-scroll">
        <table class="doc-table" data-testid="doc-table">
          <caption class="vb-sr-only">
            Documents in your corpus. Column headers sort the table.
          </caption>
          <thead>
            <tr>
              <th scope="col" class="select-col">
                <input
                  type="checkbox"
                  aria-label="Select all shown documents"
                  checked={allShownSelected}
                  disabled={shown.length === 0}
                  onChange={() => {
                    const next = new Set(selected);
                    for (const d of shown) {
                      if (allShownSelected) next.delete(d.id);
                      else next.add(d.id);
                    }
                    onSelect(next);
                  }}
                />
              </th>
              {COLUMNS.map(col => (
                <th
                  key={col.key}
                  scope="col"
                  class={col.numeric ? 'num' : undefined}
                  aria-sort={sort.key === col.key ? sort.direction : undefined}
                >
                  <button type="button" class="sort-button" onClick={() => sortBy(col.key)}>
                    {col.label}
                    <span class="sort-icon" aria-hidden="true">
                      {sort.key === col.key ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                </th>
              ))}
              <th scope="col">
                <span class="vb-sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map(doc => (
              <tr key={doc.id} data-testid="doc-row" data-id={doc.id}>
                <td class="select-col">
                  <input
                    type="checkbox"
                    aria-label={`Select “${doc.title}”`}
                    checked={selected.has(doc.id)}
                    onChange={() => {
                      const next = new Set(selected);
                      if (next.has(doc.id)) next.delete(doc.id);
                      else next.add(doc.id);
                      onSelect(next);
                    }}
                  />
                </td>
                <th scope="row" class="title-cell">
                  <a
                    href={readerUrl(doc.id)}
                    target="_blank"
                    rel="noopener"
                    data-testid="doc-title"
                  >
                    {doc.title}
                  </a>
                  {doc.origin === 'bundled' && <span class="tag">bundled</span>}
                </th>
                {/* data-label: the column's name, shown beside the value when rows become cards. */}
                <td data-label="Kind">{KIND_LABELS[doc.kind]}</td>
                <td class="nowrap" data-label="Date">
                  {doc.date ? formatDate(doc.date) : '—'}
                </td>
                <td class="publisher-cell" data-label="Publisher">
                  {doc.publisher || '—'}
                </td>
                <td class="num" data-label="Speakers">
                  {doc.speakers}
                </td>
                <td class="num" data-label="Passages">
                  {doc.passages.toLocaleString('en-US')}
                </td>
                <td class="num nowrap" data-label="Size">
                  {formatSize(doc.size)}
                </td>
                <td class="row-actions">
                  <button
                    type="button"
                    class="button secondary small"
                    aria-label={`Edit “${doc.title}”`}
                    onClick={() => onEdit(doc)}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    class="button danger-outline small"
                    aria-label={`Delete “${doc.title}”`}
                    onClick={() => onDelete([doc])}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {documents.length === 0 && (
          <p class="empty-table" data-testid="empty-corpus">
            Your corpus is empty. Import documents below, or reset to the documents that come with
            Verbatim.
          </p>
        )}
        {documents.length > 0 && shown.length === 0 && (
          <p class="empty-table">No document matches “{filter.trim()}”.</p>
        )}
      </div>
    </div>
  );
}
