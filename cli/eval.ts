/**
 * `npm run eval [-- FILE.jsonl ...] [--verbose]`: precision, recall and
 * speaker accuracy of the matcher on sets of quotes with known sources
 * (default: the development set and the held-out set in `tests/fixtures/`),
 * beside the two baselines, all in one run on the bundled corpus; then the
 * real-world tiers (see `eval-realworld.ts`) on `tests/fixtures/realworld-dev/`
 * and `tests/fixtures/transcripts/`.
 *
 * Exits with status 1 when Verbatim misses the targets on the development
 * set (precision ≥ 0.97, recall ≥ 0.95, speaker accuracy ≥ 0.95).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { approxBaseline, fuseBaseline, verbatimMatcher, type Matcher } from '../bench/baselines';
import { CorpusIndex } from '../lib/core/corpus-index';
import { parseDocument } from '../lib/core/parse-document';
import { BUNDLED_CORPUS_DIR, readCorpusDir } from './corpus-dir';
import { evaluatePages, evaluateReworded, type PagesResult, type Tally } from './eval-pages';
import { printRealWorld } from './eval-realworld';
import { evaluate, parseEvalRows, type EvalResult } from './evaluate';

const TARGETS = { precision: 0.97, recall: 0.95, speakerAccuracy: 0.95 };

const fixture = (name: string) =>
  fileURLToPath(new URL(`../tests/fixtures/${name}`, import.meta.url));

function line(name: string, r: EvalResult, msPerQuote: number): string {
  return `  ${name.padEnd(34)}${r.precision.toFixed(2).padStart(10)}${r.recall.toFixed(2).padStart(8)}${r.speakerAccuracy
    .toFixed(2)
    .padStart(9)}${msPerQuote.toFixed(2).padStart(12)}`;
}

const share = (t: Tally) => (t.expected ? t.found / t.expected : 1).toFixed(2);

/** The pages of other outlets: quotes as printed, reworded quotes, unmarked copies. */
function printPages(r: PagesResult, verbose: boolean): void {
  console.log(`\nPages of other outlets (tests/fixtures/pages, ${r.pages} pages, bundled corpus)`);
  console.log(
    `  answers given ${r.answers.given}, right ${r.answers.right}: precision ${(r.answers.given ? r.answers.right / r.answers.given : 1).toFixed(2)}`,
  );
  console.log(
    `  quotes printed with marks     recall ${share(r.marked)} (${r.marked.found} of ${r.marked.expected})`,
  );
  console.log(
    `  reworded quotes (translated)  recall ${share(r.reworded)} (${r.reworded.found} of ${r.reworded.expected})`,
  );
  console.log(
    `  quotes of another occasion    answered ${r.otherOccasion.answered} of ${r.otherOccasion.quotes} (must be 0)`,
  );
  console.log(
    `  unmarked copies               recall ${share(r.copies)} (${r.copies.found} of ${r.copies.expected}); false marks ${r.copies.falseMarks} (${r.copies.pagesWithout} pages without copies)`,
  );
  if (verbose) for (const f of r.failures) console.log(`    ✗ ${f}`);
}

async function main(argv: string[]): Promise<number> {
  const verbose = argv.includes('--verbose');
  const files = argv.filter(a => !a.startsWith('--'));
  const sets = files.length > 0 ? files : [fixture('dev.jsonl'), fixture('heldout.jsonl')];
  const parsed = (await readCorpusDir(BUNDLED_CORPUS_DIR)).map(parseDocument);
  const index = CorpusIndex.build(parsed);
  const matchers: Array<[string, Matcher]> = [
    ['Verbatim', verbatimMatcher(index)],
    ['Fuse.js over sentences (baseline)', fuseBaseline(parsed)],
    ['approximate search (Hypothesis)', approxBaseline(parsed)],
  ];

  let status = 0;
  for (const set of sets) {
    const rows = parseEvalRows(readFileSync(set, 'utf8'));
    console.log(
      `\n${set.split('/').pop()}: ${rows.length} quotes, ${rows.filter(r => r.expect).length} with a source`,
    );
    console.log(
      `  ${''.padEnd(34)}${'precision'.padStart(10)}${'recall'.padStart(8)}${'speaker'.padStart(9)}${'ms/quote'.padStart(12)}`,
    );
    for (const [name, matcher] of matchers) {
      matcher(rows[0]?.quote ?? ''); // warm-up: lazy structures and the JIT
      const t = performance.now();
      const result = evaluate(rows, row => matcher(row.quote));
      const ms = (performance.now() - t) / rows.length;
      console.log(line(name, result, ms));
      if (name === 'Verbatim') {
        for (const f of result.failures)
          console.log(`    ✗ ${f.id} (${f.kind}): ${f.why.replace(/\s+/g, ' ').slice(0, 140)}`);
        const missed = (Object.keys(TARGETS) as Array<keyof typeof TARGETS>).filter(
          k => result[k] < TARGETS[k],
        );
        if (set === sets[0] && missed.length > 0) {
          console.log(
            `    below target: ${missed.map(k => `${k} ${result[k].toFixed(2)} < ${TARGETS[k]}`).join(', ')}`,
          );
          status = 1;
        }
      } else if (verbose) {
        for (const f of result.failures)
          console.log(`    ✗ ${f.id}: ${f.why.replace(/\s+/g, ' ').slice(0, 120)}`);
      }
    }
  }
  // Real-world transcripts, each set against its own corpus (default run only).
  if (files.length === 0) {
    const below = await printRealWorld([fixture('realworld-dev'), fixture('transcripts')], verbose);
    console.log(
      below.length === 0
        ? '\nReal-world sets meet their targets.'
        : `\nReal-world sets below target (precision ≥ 0.98, recall ≥ 0.95, speaker ≥ 0.95, clean names ≥ 0.95):\n  ${below.join('\n  ')}`,
    );
  }
  console.log(
    `\nTargets on the first set: precision ≥ ${TARGETS.precision}, recall ≥ ${TARGETS.recall}, speaker accuracy ≥ ${TARGETS.speakerAccuracy}.`,
  );
  if (files.length === 0) {
    printPages(await evaluatePages(index, fixture('pages')), verbose);
    const names = ['quotes.jsonl', 'heldout.jsonl'];
    const results = await evaluateReworded(
      names.map(n => fixture(`reworded/${n}`)),
      [fixture('realworld-dev/corpus'), fixture('transcripts/corpus')],
    );
    console.log(
      `\nReworded quotes (tests/fixtures/reworded: translations and back-translations; bundled + real-world corpora, 49 documents)`,
    );
    console.log(
      `  ${''.padEnd(16)}${'precision'.padStart(10)}${'recall'.padStart(8)}${'speaker'.padStart(9)}${'near misses matched'.padStart(22)}${'ms/quote'.padStart(10)}`,
    );
    const all = { answered: 0, correct: 0, expected: 0, found: 0, negatives: 0, matched: 0 };
    results.forEach((rw, i) => {
      const r = rw.result;
      console.log(
        `  ${(names[i] === 'quotes.jsonl' ? 'dev' : 'held-out').padEnd(16)}${r.precision.toFixed(2).padStart(10)}${r.recall.toFixed(2).padStart(8)}${r.speakerAccuracy.toFixed(2).padStart(9)}${`${rw.negativesMatched} of ${rw.negatives}`.padStart(22)}${rw.msPerQuote.toFixed(2).padStart(10)}`,
      );
      all.answered += r.answered;
      all.correct += r.correct;
      all.expected += r.expected;
      all.found += r.correct;
      all.negatives += rw.negatives;
      all.matched += rw.negativesMatched;
      if (verbose) for (const f of r.failures) console.log(`    ✗ ${f.id}: ${f.why.slice(0, 160)}`);
    });
    console.log(
      `  ${'both'.padEnd(16)}${(all.answered ? all.correct / all.answered : 1).toFixed(2).padStart(10)}${(all.found / all.expected).toFixed(2).padStart(8)}${''.padStart(9)}${`${all.matched} of ${all.negatives}`.padStart(22)}`,
    );
  }
  return status;
}

process.exitCode = await main(process.argv.slice(2));
