/**
 * The real-world tiers of `npm run eval`: sets of published transcripts, each
 * a directory with `corpus/` (documents as published, read by the same reader
 * as `check --corpus` and the options import) and `quotes.jsonl` (the
 * `dev.jsonl` format). Each set is matched against its own corpus.
 *
 * Figures: passages precision and recall, speaker accuracy, and the share of
 * answers whose speaker is a clean display name ({@link isCleanDisplayName}).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { verbatimMatcher } from '../bench/baselines';
import { CorpusIndex } from '../lib/core/corpus-index';
import { parseDocument } from '../lib/core/parse-document';
import { readCorpusDir } from './corpus-dir';
import { evaluate, isCleanDisplayName, parseEvalRows, type EvalResult } from './evaluate';

/** What the issue asks of every real-world set. */
export const REALWORLD_TARGETS = {
  precision: 0.98,
  recall: 0.95,
  speakerAccuracy: 0.95,
  cleanNames: 0.95,
};

export interface RealWorldResult extends EvalResult {
  /** Answers (right passage) whose speaker is a clean display name, over all right answers. */
  cleanNames: number;
  /** The speakers that are not clean, for the report. */
  unclean: string[];
}

/** Score one set; null if the directory holds no such set. */
export async function evaluateRealWorld(dir: string): Promise<RealWorldResult | null> {
  const quotes = join(dir, 'quotes.jsonl');
  const corpus = join(dir, 'corpus');
  if (!existsSync(quotes) || !existsSync(corpus)) return null;
  const index = CorpusIndex.build((await readCorpusDir(corpus)).map(parseDocument));
  const matcher = verbatimMatcher(index);
  const rows = parseEvalRows(readFileSync(quotes, 'utf8'));
  const speakers: string[] = [];
  const result = evaluate(rows, row => {
    const got = matcher(row.quote);
    if (got && row.expect && got.document === row.expect.document) speakers.push(got.speaker);
    return got;
  });
  const unclean = speakers.filter(s => !isCleanDisplayName(s));
  return {
    ...result,
    cleanNames: speakers.length ? (speakers.length - unclean.length) / speakers.length : 1,
    unclean: [...new Set(unclean)],
  };
}

/** Print the tiers of each set that exists; returns the names of the figures below target. */
export async function printRealWorld(dirs: readonly string[], verbose: boolean): Promise<string[]> {
  const below: string[] = [];
  for (const dir of dirs) {
    const r = await evaluateRealWorld(dir);
    if (!r) continue;
    const name = dir.split('/').filter(Boolean).pop()!;
    console.log(
      `\n${name} (real-world transcripts): ${r.rows} quotes, ${r.expected} with a source, matched against their own corpus`,
    );
    console.log(
      `  ${''.padEnd(34)}${'precision'.padStart(10)}${'recall'.padStart(8)}${'speaker'.padStart(9)}${'clean names'.padStart(13)}`,
    );
    console.log(
      `  ${'Verbatim'.padEnd(34)}${r.precision.toFixed(2).padStart(10)}${r.recall.toFixed(2).padStart(8)}${r.speakerAccuracy.toFixed(2).padStart(9)}${r.cleanNames.toFixed(2).padStart(13)}`,
    );
    for (const f of verbose ? r.failures : r.failures.slice(0, 12))
      console.log(`    ✗ ${f.id}: ${f.why.replace(/\s+/g, ' ').slice(0, 140)}`);
    if (!verbose && r.failures.length > 12)
      console.log(`    … ${r.failures.length - 12} more (--verbose)`);
    if (r.unclean.length > 0)
      console.log(`    not clean: ${r.unclean.map(s => `“${s}”`).join(', ')}`);
    const missed = (Object.keys(REALWORLD_TARGETS) as Array<keyof typeof REALWORLD_TARGETS>).filter(
      k => r[k] < REALWORLD_TARGETS[k],
    );
    if (missed.length > 0) {
      const text = missed.map(k => `${k} ${r[k].toFixed(2)} < ${REALWORLD_TARGETS[k]}`).join(', ');
      console.log(`    below target: ${text}`);
      below.push(`${name}: ${text}`);
    }
  }
  return below;
}
