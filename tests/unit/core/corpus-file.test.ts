import { describe, expect, it } from 'vitest';

import {
  checkDocument,
  MAX_DOCUMENT_CHARS,
  parseCorpusJson,
  toCorpusFile,
} from '../../../lib/core/corpus-file';
import { bundledDocuments } from './helpers';

describe('corpus file format', () => {
  it('round-trips every document losslessly', () => {
    const docs = bundledDocuments().map((d, i) =>
      i === 0 ? { ...d, aliases: { 'NATO Spokesperson': 'Oana Lungescu' } } : d,
    );
    const parsed = parseCorpusJson(JSON.stringify(toCorpusFile(docs)));
    expect(parsed).toEqual({ ok: true, value: docs });
  });

  it('accepts one document object or an array of them', () => {
    const doc = {
      id: 'x',
      title: 'X',
      kind: 'transcript',
      date: '2022',
      publisher: 'P',
      text: 'Hello there.',
    };
    expect(parseCorpusJson(JSON.stringify(doc))).toMatchObject({ ok: true, value: [doc] });
    expect(parseCorpusJson(JSON.stringify([doc]))).toMatchObject({ ok: true, value: [doc] });
  });

  it.each([
    ['{', /not valid JSON/],
    ['42', /expected a Verbatim corpus file/],
    ['{"format":"other","documents":[]}', /unknown format "other"/],
    ['{"format":"verbatim-corpus","version":99,"documents":[]}', /newer Verbatim/],
    ['{"documents":{}}', /"documents" is not a list/],
    ['{"documents":[]}', /holds no documents/],
    ['[{"text":"x"}]', /document 1: missing "id"/],
    ['[{"id":"a"}]', /document 1: "a" has no "text"/],
    ['[{"id":"a","text":"  "}]', /empty text/],
    ['[{"id":"a","text":"x","kind":"poem"}]', /unknown kind "poem"/],
    ['[{"id":"a","text":"x","date":"7 Jan"}]', /"date" must be YYYY/],
    ['[{"id":"a","text":"x","sourceUrl":"javascript:alert(1)"}]', /not an http\(s\) address/],
    ['[{"id":"a","text":"x","aliases":{"A":1}}]', /"aliases" must map names to names/],
    ['[{"id":"a","text":"x"},{"id":"a","text":"y"}]', /document 2: id "a" appears twice/],
  ])('rejects %s with a clear message', (json, message) => {
    const parsed = parseCorpusJson(json);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });

  it('says how long a too-long document is and what the limit is', () => {
    const checked = checkDocument({ id: 'big', text: 'x'.repeat(MAX_DOCUMENT_CHARS + 1) });
    expect(checked).toEqual({
      ok: false,
      error: `"big" is too long (${MAX_DOCUMENT_CHARS + 1} characters; the limit is ${MAX_DOCUMENT_CHARS})`,
    });
  });
});
