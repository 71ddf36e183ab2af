/**
 * A long article generated at test time: ≥ 50,000 words in paragraphs of
 * filler prose, each paragraph quoting a sentence (or two) that NATO
 * Secretary General Jens Stoltenberg said at the press conference of
 * 7 January 2022 (from the bundled corpus), so every quote has a source.
 * Deterministic: the same page every run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parseDocument } from '../../lib/core/parse-document';
import type { SourceDocument } from '../../lib/core/types';
import { REPO } from './fixtures';

const FILLER = (
  'the ministers met again on a grey morning in the capital while officials from several ' +
  'delegations compared notes in the corridors and reporters waited outside for news of ' +
  'progress on the agenda which covered energy supplies troop movements the next summit ' +
  'budgets for the coming year and a long list of smaller items that rarely reach the ' +
  'front pages but matter a great deal to the people who work on them every single day'
).split(' ');

export interface LongPage {
  html: string;
  words: number;
  quotes: number;
}

/** Sentences Stoltenberg speaks in the press conference (at least six words each). */
function corpusSentences(): string[] {
  const id = 'nato-sg-press-conference-2022-01-07';
  const manifest = JSON.parse(readFileSync(join(REPO, 'assets/corpus/manifest.json'), 'utf8')) as {
    documents: Array<Omit<SourceDocument, 'text'>>;
  };
  const meta = manifest.documents.find(d => d.id === id);
  if (!meta) throw new Error(`${id} is not in the bundled corpus`);
  const text = readFileSync(join(REPO, 'assets/corpus', `${id}.txt`), 'utf8');
  const parsed = parseDocument({ ...meta, text });
  const stoltenberg = parsed.speakers.findIndex(s => s.name === 'Jens Stoltenberg');
  return parsed.segments
    .filter(s => s.speaker === stoltenberg)
    .map(s =>
      text
        .slice(s.start, s.end)
        .replace(/\s+/g, ' ')
        .trim()
        .replace(/[.:;,]$/, ''),
    )
    .filter(s => s.split(' ').length >= 6 && !/[“”"]/.test(s));
}

/** Build the page: `paragraphs` paragraphs of about `wordsPerParagraph` words, one quote each. */
export function longPage(paragraphs = 360, wordsPerParagraph = 145): LongPage {
  const sentences = corpusSentences();
  const out: string[] = [];
  let words = 0;
  let f = 0;
  const filler = (n: number) => {
    const w: string[] = [];
    for (let i = 0; i < n; i++) w.push(FILLER[f++ % FILLER.length]!);
    words += n;
    return w.join(' ');
  };
  for (let i = 0; i < paragraphs; i++) {
    // Every third quote is two sentences, so the texts differ more than the corpus has sentences.
    const a = sentences[i % sentences.length]!;
    const quote = i % 3 === 2 ? `${a}. ${sentences[(i + 1) % sentences.length]!}` : a;
    words += quote.split(' ').length + 2;
    const before = filler(Math.floor(wordsPerParagraph / 2));
    const after = filler(Math.ceil(wordsPerParagraph / 2));
    out.push(`<p>${cap(before)}. “${escape(quote)},” Stoltenberg said, ${after}.</p>`);
  }
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A very long report</title></head>
<body><main><article><h1>A very long report</h1>
${out.join('\n')}
</article></main></body></html>`;
  return { html, words, quotes: paragraphs };
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
