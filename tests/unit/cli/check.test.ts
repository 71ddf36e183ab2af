/**
 * The `check` command, run as a user runs it: a real process over the real
 * corpus and fixture files.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const NEWS_PAGE = 'tests/fixtures/pages/news-report-2022-01-08.html';
const NEWS_TEXT = 'tests/fixtures/news-report-2022-01-08.txt';
const PRESS_CONFERENCE = 'nato-sg-press-conference-2022-01-07';

function check(args: string[], input?: string) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'cli/check.ts', ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return {
    status: run.status,
    stdout: run.stdout,
    stderr: run.stderr.replace(/^npm warn.*\n/gm, ''),
  };
}

interface JsonQuote {
  quote: string;
  attribution: string | null;
  match: { document: string; speaker: string; passage: string; verdict: string } | null;
}

describe('npm run check', () => {
  it('finds every quote of the news report page and names Jens Stoltenberg as their speaker', () => {
    const run = check(['--json', NEWS_PAGE]);
    expect(run.status).toBe(0);
    const { quotes } = JSON.parse(run.stdout) as { quotes: JsonQuote[] };
    expect(quotes).toHaveLength(7);
    for (const q of quotes) {
      expect(q.match?.document).toBe(PRESS_CONFERENCE);
      expect(q.match?.speaker).toBe('Jens Stoltenberg');
    }
    expect(quotes[0]!.quote).toBe(
      'NATO will engage in dialogue with Russia in good faith and on substance',
    );
    // The five-sentence quote comes back whole.
    expect(quotes.find(q => q.quote.startsWith('But I will say'))!.match!.passage).toMatch(
      /^But I will say that we have significant capabilities.*preserve peace in Europe$/s,
    );
  }, 60_000);

  it('reports an unclosed quote, and the paragraphs that copy the corpus without marks', () => {
    const run = check(['--json', 'tests/e2e/pages/unclosed-and-unmarked.html']);
    expect(run.status).toBe(0);
    const { quotes, copies } = JSON.parse(run.stdout) as {
      quotes: JsonQuote[];
      copies: Array<{ text: string; match: JsonQuote['match'] }>;
    };
    expect(quotes.map(q => q.quote)).toEqual([
      'We are always ready to listen to Russian concerns. And NATO will make every effort to find a political way forward.',
    ]);
    expect(copies.map(c => c.text.slice(0, 40))).toEqual([
      'But for dialogue to be meaningful, it mu',
      'I will chair a meeting of the NATO-Ukrai',
    ]);
    for (const c of copies) {
      expect(c.match?.document).toBe(PRESS_CONFERENCE);
      expect(c.match?.speaker).toBe('Jens Stoltenberg');
    }
    // The reporter's own summary is no copy; nor is anything on the news report.
    expect(copies.some(c => c.text.includes('Ministers meeting by video link'))).toBe(false);
    const news = JSON.parse(check(['--json', NEWS_PAGE]).stdout) as { copies: unknown[] };
    expect(news.copies).toEqual([]);
  }, 60_000);

  it('reads the same report as plain text, and from standard input', () => {
    const fromFile = check(['--json', NEWS_TEXT]);
    const fromStdin = check(['--json', '-'], readFileSync(join(root, NEWS_TEXT), 'utf8'));
    const quotes = (out: string) =>
      (JSON.parse(out) as { quotes: JsonQuote[] }).quotes.map(q => q.match?.passage);
    expect(quotes(fromFile.stdout)).toHaveLength(7);
    expect(quotes(fromStdin.stdout)).toEqual(quotes(fromFile.stdout));
  }, 60_000);

  it('prints a readable report, with the verdict and a warning when the page names someone else', () => {
    const dir = mkdtempSync(join(tmpdir(), 'verbatim-check-'));
    const page = join(dir, 'misattributed.txt');
    writeFileSync(
      page,
      'Blinken said, “The whole idea that Ukraine is a threat to Russia is to put the whole thing upside down.”\n',
    );
    const run = check([page]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('1 quote, 1 matched');
    expect(run.stdout).toContain('→ Jens Stoltenberg, NATO Secretary General');
    expect(run.stdout).toContain('verbatim, score 1.00');
    expect(run.stdout).toContain(
      'the page names Blinken; the source attributes this to Jens Stoltenberg',
    );
  }, 60_000);

  it('answers a JSON line per quote with --quotes, in the documented shape', () => {
    const dir = mkdtempSync(join(tmpdir(), 'verbatim-check-'));
    const quotes = join(dir, 'quotes.jsonl');
    writeFileSync(
      quotes,
      [
        { id: 'a', quote: 'The risk of conflict is real' },
        { id: 'b', quote: 'The weather in Brussels was cold and rainy on Friday afternoon' },
      ]
        .map(q => JSON.stringify(q))
        .join('\n'),
    );
    const run = check(['--quotes', quotes]);
    expect(run.status).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map(l => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(Object.keys(lines[0].match).sort()).toEqual(
      [
        'alsoIn',
        'ambiguous',
        'contextAfter',
        'contextBefore',
        'diff',
        'document',
        'end',
        'passage',
        'role',
        'score',
        'speaker',
        'start',
        'title',
        'verdict',
      ].sort(),
    );
    expect(lines[0]).toMatchObject({
      id: 'a',
      match: { document: PRESS_CONFERENCE, speaker: 'Jens Stoltenberg', verdict: 'verbatim' },
    });
    expect(lines[1]).toEqual({ id: 'b', match: null });
  }, 60_000);

  it('uses another corpus with --corpus, a .txt file’s id being its name’s stem', () => {
    const dir = mkdtempSync(join(tmpdir(), 'verbatim-corpus-'));
    writeFileSync(
      join(dir, 'harbour-briefing-2023-05-02.txt'),
      'Harbour briefing\n\nMinister Ada Kovač: The new harbour will open to ships in the spring of next year.\n\nLeo Brandt (Daily Port): Will it be on time?\n\nMinister Ada Kovač: Every contract has been signed and the works are on schedule.\n',
    );
    const quotes = join(dir, 'q.jsonl');
    writeFileSync(
      quotes,
      JSON.stringify({
        id: 1,
        quote: 'Every contract has been signed and the works are on schedule',
      }),
    );
    const run = check(['--corpus', dir, '--quotes', quotes]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      id: 1,
      match: { document: 'harbour-briefing-2023-05-02', speaker: 'Ada Kovač' },
    });
  }, 60_000);

  it.each([
    [['missing.html'], 'verbatim check: cannot read missing.html: no such file'],
    [
      ['--corpus', '/nonexistent/dir', NEWS_TEXT],
      'verbatim check: cannot read corpus directory /nonexistent/dir: ENOENT',
    ],
  ])(
    'exits non-zero with one clear line for %j',
    (args, message) => {
      const run = check(args);
      expect(run.status).toBe(1);
      expect(run.stderr.trim()).toBe(message);
    },
    60_000,
  );

  it('refuses a binary file with a clear message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'verbatim-check-'));
    const file = join(dir, 'image.txt');
    writeFileSync(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
    const run = check([file]);
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(`verbatim check: ${file} is a PNG image, not text`);
  }, 60_000);

  it('reads a Windows-1252 article', () => {
    const dir = mkdtempSync(join(tmpdir(), 'verbatim-check-'));
    const file = join(dir, 'latin.txt');
    // “The risk of conflict is real” with Windows-1252 curly quotes (0x93, 0x94).
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from('He said: '),
        Buffer.from([0x93]),
        Buffer.from('The risk of conflict is real'),
        Buffer.from([0x94]),
      ]),
    );
    const run = check(['--json', file]);
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as { quotes: JsonQuote[] }).quotes[0]!.match?.document).toBe(
      PRESS_CONFERENCE,
    );
  }, 60_000);

  it('prints usage for a bad option', () => {
    const run = check(['--frobnicate']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('unknown option --frobnicate');
    expect(run.stderr).toContain('usage: npm run check');
  }, 60_000);
});
