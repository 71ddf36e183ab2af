// The CLI (`check --corpus DIR`) and the options page's import read a file
// through the same reader: the same file gives the same document.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { BUNDLED_CORPUS_DIR, readCorpusDir } from '@/cli/corpus-dir';
import { isCleanDisplayName, parseEvalRows } from '@/cli/evaluate';
import { CorpusIndex } from '@/lib/core/corpus-index';
import { matchQuote } from '@/lib/core/match-quote';
import { parseDocument } from '@/lib/core/parse-document';
import { readImportFile } from '@/lib/import/read-files';

const CORPORA = ['realworld-dev/corpus', 'transcripts/corpus', 'import'].map(d =>
  fileURLToPath(new URL(`../../fixtures/${d}/`, import.meta.url)),
);

function asPicked(dir: string, name: string) {
  const bytes = new Uint8Array(readFileSync(join(dir, name)));
  return { name, size: bytes.length, arrayBuffer: async () => bytes.slice().buffer };
}

describe('one document reader', () => {
  for (const dir of CORPORA.slice(0, 2)) {
    it(`check --corpus and the options import read ${dir.split('/').slice(-3, -1).join('/')} alike`, async () => {
      const cli = await readCorpusDir(dir);
      const names = readdirSync(dir)
        .filter(n => n.endsWith('.txt'))
        .sort();
      expect(cli.length).toBe(names.length);
      for (const [i, name] of names.entries()) {
        const imported = await readImportFile(asPicked(dir, name));
        expect(imported.ok).toBe(true);
        if (!imported.ok) continue;
        expect(imported.documents).toEqual([cli[i]]);
        // …and so parse alike: the same speakers and turns.
        expect(parseDocument(imported.documents[0]!)).toEqual(parseDocument(cli[i]!));
      }
    });
  }

  it('guesses title, date and kind for a .txt without a manifest', async () => {
    const [doc] = (await readCorpusDir(CORPORA[0]!)).filter(d => d.id === 'wh-psaki-2022-02-08');
    expect(doc).toMatchObject({ kind: 'transcript', date: '2022-02-08' });
    expect(doc!.title).toMatch(/Press Briefing by Press Secretary Jen Psaki/);
  });
});

describe('isCleanDisplayName', () => {
  it.each([
    ['Jen Psaki', true],
    ['Mitch McConnell', true],
    ['António Guterres', true],
    ['Reporter', true],
    ['Ban Ki-moon', true],
    ['', false],
    ['PSAKI', false],
    ['DONALD TRUMP', false],
    ['GOV. GAVIN NEWSOM', false],
    ['Shri Arindam Bagchi', false],
    ['Minister MOTEGI', false],
    ['Mr. Kirby', false],
    ['The President', false],
  ])('%j → %s', (name, clean) => {
    expect(isCleanDisplayName(name)).toBe(clean);
  });
});

describe('the original wins by what the text is', () => {
  const dev = parseEvalRows(
    readFileSync(fileURLToPath(new URL('../../fixtures/dev.jsonl', import.meta.url)), 'utf8'),
  );
  // Quotes of the press conference that the policy brief reproduces.
  const shared = dev.filter(
    r =>
      r.expect?.document === 'nato-sg-press-conference-2022-01-07' &&
      (r.origin === 'policy brief' || r.id === 'edit-01'),
  );

  async function bundledWithoutManifest(): Promise<string> {
    const dir = mkdtempSync(join(tmpdir(), 'verbatim-corpus-'));
    for (const name of readdirSync(BUNDLED_CORPUS_DIR).filter(n => n.endsWith('.txt')))
      copyFileSync(join(BUNDLED_CORPUS_DIR, name), join(dir, name));
    return dir;
  }

  it('check --corpus over the two bundled .txt without a manifest names the press conference, the brief under "also in"', async () => {
    expect(shared.length).toBeGreaterThanOrEqual(8);
    const docs = await readCorpusDir(await bundledWithoutManifest());
    const index = CorpusIndex.build(docs.map(parseDocument));
    for (const row of shared) {
      const m = matchQuote(index, row.quote);
      expect(m?.documentId, row.id).toBe('nato-sg-press-conference-2022-01-07');
      expect(m?.speaker.name, row.id).toBe('Jens Stoltenberg');
      expect(m?.ambiguous, row.id).toBe(false);
      expect(
        m?.alsoIn.map(r => r.documentId),
        row.id,
      ).toContain('nato-pa-policy-brief-2022-01-07');
    }
  });

  it('so does a corpus where both declare kind "other": a speaker turn outranks the brief quoting it', async () => {
    const docs = (await readCorpusDir(await bundledWithoutManifest())).map(d => ({
      ...d,
      kind: 'other' as const,
    }));
    const index = CorpusIndex.build(docs.map(parseDocument));
    for (const row of shared) {
      const m = matchQuote(index, row.quote);
      expect(m?.documentId, row.id).toBe('nato-sg-press-conference-2022-01-07');
      expect(
        m?.alsoIn.map(r => r.documentId),
        row.id,
      ).toContain('nato-pa-policy-brief-2022-01-07');
    }
  });
});
