/**
 * `npm run check -- [--json] [--corpus DIR] [--quotes FILE.jsonl] FILE...`
 *
 * Check an article without a browser: find its quotes (the same detector the
 * content script runs, on a DOM for HTML files) and match each against the
 * corpus (the same core the background runs).
 *
 * - FILE: `.html`/`.htm` (parsed as a DOM), `.txt`/`.md` (paragraphs split on
 *   blank lines), or `-` for standard input (read as text).
 * - `--corpus DIR`: use the `.txt`/`.json` documents in DIR instead of the bundled corpus.
 * - `--quotes FILE.jsonl`: skip detection; read `{"id", "quote"}` lines and
 *   print one JSON line per input: `{"id", "match": null | {...}}`.
 * - `--json`: print JSON (one object per FILE) instead of text.
 *
 * Errors (a missing file, an unreadable corpus) exit with status 1 and one line on stderr.
 */
import { readFile } from 'node:fs/promises';

import { checkAttribution } from '../lib/core/attribution';
import { CorpusIndex } from '../lib/core/corpus-index';
import { findSource } from '../lib/core/find-source';
import { findCopies } from '../lib/core/text-reuse';
import { parseDocument } from '../lib/core/parse-document';
import type { DiffPart, QuoteMatch } from '../lib/core/types';
import { BUNDLED_CORPUS_DIR, readCorpusDir } from './corpus-dir';
import { quotedSpans, readArticle, type FoundQuote } from './read-article';

const USAGE = 'usage: npm run check -- [--json] [--corpus DIR] [--quotes FILE.jsonl] FILE...';

interface Options {
  json: boolean;
  corpus: string | null;
  quotes: string | null;
  files: string[];
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Options {
  const options: Options = { json: false, corpus: null, quotes: null, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') options.json = true;
    else if (arg === '--corpus' || arg === '--quotes') {
      const value = argv[++i];
      if (!value) throw new UsageError(`${arg} needs a value`);
      options[arg === '--corpus' ? 'corpus' : 'quotes'] = value;
    } else if (arg === '--help' || arg === '-h') throw new UsageError('');
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else options.files.push(arg);
  }
  if (!options.quotes && options.files.length === 0) throw new UsageError('no FILE given');
  return options;
}

/** The match as the command prints it in JSON: plain fields, speaker as a display name. */
export function matchJson(m: QuoteMatch | null) {
  if (!m) return null;
  return {
    document: m.documentId,
    title: m.title,
    speaker: m.speaker.name,
    ...(m.speaker.role ? { role: m.speaker.role } : {}),
    ...(m.speaker.affiliation ? { affiliation: m.speaker.affiliation } : {}),
    passage: m.passage,
    start: m.start,
    end: m.end,
    contextBefore: m.contextBefore,
    contextAfter: m.contextAfter,
    score: m.score,
    verdict: m.verdict,
    diff: m.diff,
    alsoIn: m.alsoIn.map(r => ({
      document: r.documentId,
      title: r.title,
      start: r.start,
      end: r.end,
    })),
    ambiguous: m.ambiguous,
  };
}

/** The diff as text: [-removed-] {+added+} [~elided~] {quote→source} */
function diffText(diff: DiffPart[]): string {
  return diff
    .map(part => {
      switch (part.op) {
        case 'same':
          return part.quote;
        case 'changed':
          return `{${part.quote} → ${part.source}}`;
        case 'added':
          return `{+${part.quote}+}`;
        case 'removed':
          return `[-${part.source}-]`;
        case 'elided':
          return `[…${part.source}…]`;
      }
    })
    .join(' ');
}

function oneLine(s: string, max = 160): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

function printText(
  file: string,
  found: Array<FoundQuote & { match: QuoteMatch | null }>,
  copies: ReadonlyArray<{ text: string; match: QuoteMatch }>,
): void {
  const matched = found.filter(q => q.match).length;
  const copied = copies.length
    ? `, ${copies.length} unmarked cop${copies.length === 1 ? 'y' : 'ies'} of the corpus`
    : '';
  console.log(
    `${file}: ${found.length} quote${found.length === 1 ? '' : 's'}, ${matched} matched${copied}`,
  );
  copies.forEach((c, i) => {
    const m = c.match;
    console.log(`\n  copy ${i + 1}. ${oneLine(c.text)}  (no quotation marks)`);
    console.log(`     → ${m.speaker.name} — ${oneLine(m.title, 100)} (${m.date})`);
  });
  found.forEach((q, i) => {
    console.log(
      `\n  ${i + 1}. “${oneLine(q.text)}”${q.attribution ? `  (page: ${q.attribution})` : ''}`,
    );
    const m = q.match;
    if (!m) {
      console.log('     no source in the corpus');
      return;
    }
    const who = [m.speaker.name, m.speaker.role, m.speaker.affiliation].filter(Boolean).join(', ');
    console.log(`     → ${who} — ${oneLine(m.title, 100)} (${m.date})`);
    console.log(
      `       ${m.verdict}, score ${m.score.toFixed(2)}${m.ambiguous ? ', AMBIGUOUS' : ''}: “${oneLine(m.passage)}”`,
    );
    if (m.verdict !== 'verbatim') console.log(`       diff: ${oneLine(diffText(m.diff), 300)}`);
    if (checkAttribution(q.attribution, m.speaker) === 'different') {
      console.log(
        `       ! the page names ${q.attribution}; the source attributes this to ${m.speaker.name}`,
      );
    }
    for (const r of m.alsoIn) console.log(`       also in: ${oneLine(r.title, 100)}`);
    if (m.ambiguous)
      for (const a of m.alternatives)
        console.log(`       or: ${oneLine(a.title, 60)}: “${oneLine(a.passage, 100)}”`);
  });
}

async function readQuotesFile(path: string): Promise<Array<{ id: unknown; quote: string }>> {
  const text = await readFile(path, 'utf8');
  return text
    .split('\n')
    .map((line, n) => ({ line, n }))
    .filter(({ line }) => line.trim())
    .map(({ line, n }) => {
      let row: unknown;
      try {
        row = JSON.parse(line);
      } catch {
        throw new Error(`${path}:${n + 1}: not a JSON line`);
      }
      const quote = (row as { quote?: unknown })?.quote;
      if (typeof quote !== 'string') throw new Error(`${path}:${n + 1}: no "quote" string`);
      return { id: (row as { id?: unknown }).id ?? null, quote };
    });
}

export async function main(argv: string[]): Promise<number> {
  let options: Options;
  try {
    options = parseArgs(argv);
  } catch (e) {
    const message = (e as Error).message;
    console.error(message ? `verbatim check: ${message}\n${USAGE}` : USAGE);
    return message ? 2 : 0;
  }
  try {
    const documents = await readCorpusDir(options.corpus ?? BUNDLED_CORPUS_DIR);
    const index = CorpusIndex.build(documents.map(parseDocument));
    if (options.quotes) {
      for (const { id, quote } of await readQuotesFile(options.quotes)) {
        console.log(JSON.stringify({ id, match: matchJson(findSource(index, quote)) }));
      }
    }
    for (const file of options.files) {
      const article = await readArticle(file);
      const found = article.quotes.map(q => ({
        text: q.text,
        ...(q.attribution ? { attribution: q.attribution } : {}),
        match: findSource(index, q.text, { attribution: q.attribution }),
      }));
      const excluded = quotedSpans(article);
      const copies = article.blocks.flatMap((text, i) =>
        findCopies(index, text, { exclude: excluded[i] }).map(c => ({
          text: text.slice(c.start, c.end),
          match: c.match,
        })),
      );
      if (options.json) {
        console.log(
          JSON.stringify({
            file,
            quotes: found.map(q => ({
              quote: q.text,
              attribution: q.attribution ?? null,
              match: matchJson(q.match),
              attributionCheck: q.match ? checkAttribution(q.attribution, q.match.speaker) : null,
            })),
            copies: copies.map(c => ({ text: c.text, match: matchJson(c.match) })),
          }),
        );
      } else printText(file, found, copies);
    }
    return 0;
  } catch (e) {
    console.error(`verbatim check: ${(e as Error).message}`);
    return 1;
  }
}

// Run when executed as a script (not when imported by tests).
if (process.argv[1] && /check\.[cm]?[jt]s$/.test(process.argv[1])) {
  process.exitCode = await main(process.argv.slice(2));
}
