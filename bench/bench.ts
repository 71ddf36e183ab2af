/**
 * `npm run bench`: speed and memory of Verbatim's matcher and search, with
 * the Fuse.js-over-sentences baseline (and Hypothesis-style approximate
 * search) measured in the same process on the same quotes, so the ratios
 * compare like with like. Figures, not assertions: nothing here fails.
 *
 * Corpora: the bundled one, and a generated one of 1,000 documents (~10 MB)
 * with the bundled documents mixed in (see `generate-corpus.ts`): look-alike
 * transcripts made of the bundled documents' sentences, reworded. Accuracy
 * in the generated corpus is printed next to accuracy on the bundled corpus
 * alone: look-alikes must not take a quote's answer away.
 *
 * Also: index bytes per corpus word, and the parse time of a
 * 1,000,000-character transcript against a 100,000-character one.
 *
 * Usage: npm run bench [-- --docs N[,M…]] [--quick]
 *        npm run bench:10k   (1,000 then 10,000 generated documents, in one run; many minutes)
 *        npm run bench:core -- --parse-only   (the long-document table alone)
 *        npm run bench:10k -- --index-only    (index build, heap, misprint table; no matching)
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';

import { BUNDLED_CORPUS_DIR, readCorpusDir } from '../cli/corpus-dir';
import { evaluate, parseEvalRows, type EvalRow } from '../cli/evaluate';
import { CorpusIndex, MISPRINT_BUDGET, TEXT_BUDGET } from '../lib/core/corpus-index';
import { parseDocument } from '../lib/core/parse-document';
import { snapshotFromBytes, snapshotToBytes } from '../lib/core/snapshot-file';
import { CorpusSearch } from '../lib/core/search-index';
import type { ParsedDocument, SourceDocument } from '../lib/core/types';
import {
  approxBaseline,
  deletionMapBaseline,
  fuseBaseline,
  leanVerbatimMatcher,
  verbatimMatcher,
  type Matcher,
} from './baselines';
import { DeletionTable, deletionVariants } from '../lib/core/deletion-table';
import { typoBudget } from '../lib/core/normalize';
import { generateCorpus } from './generate-corpus';
import { longTranscript } from './long-document';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const docsArg = args.indexOf('--docs');
/** Sizes of the generated corpora, benchmarked one after the other in this run. */
const GENERATED_DOCS = docsArg >= 0 ? args[docsArg + 1]!.split(',').map(Number) : [1000];
/** Quotes the slow baselines are timed on in the large corpus (each takes seconds). */
const SLOW_SAMPLE = quick ? 3 : 6;
const REPEAT = quick ? 3 : 10;

const fixture = (name: string) =>
  fileURLToPath(new URL(`../tests/fixtures/${name}`, import.meta.url));
const quoteRows: EvalRow[] = [
  ...parseEvalRows(readFileSync(fixture('dev.jsonl'), 'utf8')),
  ...parseEvalRows(readFileSync(fixture('heldout.jsonl'), 'utf8')),
];
const devRows = parseEvalRows(readFileSync(fixture('dev.jsonl'), 'utf8'));
/** What a popup user types: every prefix of these queries is one keystroke. */
const SEARCHES = [
  'dialogue with rusia',
  'risk of conflict',
  'finland sweden door',
  'threshhold for russia',
  'kazakhstan violence',
];

function ms(x: number): string {
  return x < 10 ? x.toFixed(2) : x.toFixed(0);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

function time<T>(f: () => T): [T, number] {
  const t = performance.now();
  const value = f();
  return [value, performance.now() - t];
}

/** Per-call times of `f` over `inputs`, repeated, after one warm-up pass. */
function latencies<I>(
  inputs: readonly I[],
  f: (input: I) => unknown,
  repeat: number,
): { p50: number; p95: number } {
  for (const input of inputs) f(input);
  const times: number[] = [];
  for (let r = 0; r < repeat; r++) {
    for (const input of inputs) times.push(time(() => f(input))[1]);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

/**
 * Memory in use, MB: the JavaScript heap plus array buffers (typed arrays' contents live
 * outside the heap; `heapUsed` alone leaves most of the index out).
 */
function heapMb(): number {
  globalThis.gc?.();
  globalThis.gc?.();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return (heapUsed + arrayBuffers) / 1e6;
}

function row(label: string, ...cells: string[]): void {
  console.log(`  ${label.padEnd(38)}${cells.map(c => ` ${c.padStart(15)}`).join('')}`);
}

function accuracy(matcher: Matcher, rows: readonly EvalRow[]): string {
  const r = evaluate(rows, row => matcher(row.quote));
  return `P ${r.precision.toFixed(3)} R ${r.recall.toFixed(3)}`;
}

/** Verbatim's accuracy on every quote set on the bundled corpus alone, for comparison. */
let bundledAccuracy = '';

async function benchCorpus(
  name: string,
  docs: SourceDocument[],
  slowSample: number | null,
): Promise<void> {
  const chars = docs.reduce((sum, d) => sum + d.text.length, 0);
  console.log(`\n== ${name}: ${docs.length} documents, ${(chars / 1e6).toFixed(2)} MB ==`);
  const texts = docs.map(d => d.text);
  const heap0 = heapMb();
  const [parsed, parseMs] = time(() => docs.map(parseDocument));
  const [index, indexMs] = time(() => CorpusIndex.build(parsed));
  const heapBuilt = heapMb() - heap0;
  const snapshot = index.snapshot();
  const quotes = quoteRows.map(r => r.quote);
  const verbatim = verbatimMatcher(index);
  // Warm the code up, so the worker's run below is cold in its texts only.
  for (const q of quotes) verbatim(q);

  // What a restarted background holds: the index restored from its snapshot file (read as one
  // buffer, as the background reads it), no text, no parse.
  const file = snapshotToBytes(snapshot);
  const heap1 = heapMb();
  const [lean, restoreMs] = time(() =>
    CorpusIndex.restore(snapshotFromBytes(file.slice().buffer)!, {
      textBudget: TEXT_BUDGET,
      misprintBudget: MISPRINT_BUDGET,
    }),
  );
  if (!lean) throw new Error('the snapshot does not restore');
  const heapLean = heapMb() - heap1;
  const leanVerbatim = leanVerbatimMatcher(lean, texts);

  console.log('  index build');
  row('', 'Verbatim', '', '');
  row('parse + index (ms)', `${ms(parseMs)} + ${ms(indexMs)}`, '', '');
  row('words indexed / sentences', String(index.size), String(index.segmentCount), '');
  row(
    'index bytes per corpus word',
    (index.byteLength / index.size).toFixed(2),
    '',
    `${(index.byteLength / 1e6).toFixed(1)} MB`,
  );
  row(
    'snapshot file MB',
    (file.length / 1e6).toFixed(1),
    '',
    `${(file.length / index.size).toFixed(2)} B/word`,
  );
  console.log('  memory (MB: JS heap + array buffers; texts of the corpus not counted)');
  row('built: parses + index, all texts', heapBuilt.toFixed(1));
  row('restored from its file (worker)', heapLean.toFixed(1), `in ${ms(restoreMs)} ms`);
  // The worker's path on every quote: texts read on demand, within TEXT_BUDGET characters.
  const leanTimes = quotes.map(q => time(() => leanVerbatim(q))[1]).sort((a, b) => a - b);
  const l = { p50: percentile(leanTimes, 0.5), p95: percentile(leanTimes, 0.95) };
  const leanAccuracy = accuracy(leanVerbatim, quoteRows);
  // The texts it holds are the corpus's strings here (shared): counted at 2 bytes a character.
  const heapLeanAfter = heapMb() - heap1 + (lean.loadedTextChars * 2) / 1e6;
  row(
    `  after the ${quotes.length} quotes`,
    heapLeanAfter.toFixed(1),
    `${(lean.loadedTextChars / 1e6).toFixed(2)} M chars`,
    `of ${leanVerbatim.reads.documents} texts read`,
  );
  const heap2 = heapMb();
  const [fuse, fuseMs] = time(() => fuseBaseline(parsed));
  const heapFuse = heapMb() - heap2;
  row('Fuse.js baseline (its index)', heapFuse.toFixed(1), `built in ${ms(fuseMs)} ms`);
  const approx = approxBaseline(parsed);
  // The misprint look-up, built part by part on first use (after every worker restart): the
  // table against the map of variant strings it replaced, in the same process.
  {
    // Misprints (a letter dropped) of 2,000 corpus words.
    const queries = index.words
      .filter((_, i) => i % Math.max(1, Math.floor(index.words.length / 2000)) === 0)
      .filter(w => w.length >= 5)
      .map((w, i) => w.slice(0, i % w.length) + w.slice((i % w.length) + 1));
    const budgetOf = (w: string) => Math.min(typoBudget(w.length), 2);
    globalThis.gc?.();
    const before = heapMb();
    const [map, mapMs] = time(() => deletionMapBaseline(index.words));
    globalThis.gc?.();
    const mapMb = heapMb() - before;
    // A fresh table (the index's own has the parts the quotes above needed).
    const table = new DeletionTable(index.words);
    // A first quote with misprints: five look-ups on the fresh table (each builds its parts).
    const firsts = queries.filter(q => budgetOf(q) > 0).slice(0, 5);
    const [, firstMs] = time(() => firsts.map(q => table.candidates(q, budgetOf(q))));
    const firstMb = table.byteLength / 1e6;
    const [, allMs] = time(() => table.buildAll());
    const allMb = table.byteLength / 1e6;
    row(
      'misprint table: 5 first look-ups ms / MB',
      `${ms(firstMs)} / ${firstMb.toFixed(1)}`,
      `${ms(mapMs)} / ${mapMb.toFixed(0)}`,
      `vs map: ${(mapMs / firstMs).toFixed(0)}× / ${(mapMb / firstMb).toFixed(0)}×`,
    );
    row(
      '  all parts built ms / MB',
      `${ms(firstMs + allMs)} / ${allMb.toFixed(1)}`,
      '',
      `${(mapMs / (firstMs + allMs)).toFixed(1)}× / ${(mapMb / allMb).toFixed(0)}×`,
    );
    const [, tableLookMs] = time(() => queries.map(q => table.candidates(q, budgetOf(q))));
    const [, mapLookMs] = time(() =>
      queries.map(q => {
        const found = new Set<number>();
        for (const v of deletionVariants(q, budgetOf(q)))
          for (const id of map.get(v) ?? []) found.add(id);
        return found;
      }),
    );
    row(
      `  µs per misprint look-up (${queries.length})`,
      ((tableLookMs * 1000) / queries.length).toFixed(1),
      ((mapLookMs * 1000) / queries.length).toFixed(1),
      `${(tableLookMs / mapLookMs).toFixed(2)}×`,
    );
  }

  // `--index-only`: the index tables alone (no matching, no baselines' matching).
  if (args.includes('--index-only')) return;

  const v = latencies(quotes, q => verbatim(q), REPEAT);
  const sample =
    slowSample === null
      ? quotes
      : quotes.filter((_, i) => i % Math.ceil(quotes.length / slowSample) === 0);
  const f = latencies(sample, q => fuse(q), slowSample === null ? Math.max(1, REPEAT >> 1) : 1);
  const a = latencies(sample, q => approx(q), slowSample === null ? Math.max(1, REPEAT >> 1) : 1);
  console.log(
    `  match, ms per quote (${quotes.length} quotes${slowSample === null ? '' : `; baselines on ${sample.length}`})`,
  );
  row('', 'p50', 'p95', 'p50 vs Verbatim');
  row('Verbatim', ms(v.p50), ms(v.p95), '1×');
  row('  as the worker runs it (texts cold)', ms(l.p50), ms(l.p95), leanAccuracy);
  row('Fuse.js over sentences', ms(f.p50), ms(f.p95), `${(f.p50 / v.p50).toFixed(0)}× slower`);
  row('approximate search (Hypothesis)', ms(a.p50), ms(a.p95), `${(a.p50 / v.p50).toFixed(1)}×`);

  const all = accuracy(verbatim, quoteRows);
  if (slowSample === null) bundledAccuracy = all;
  console.log(`  Verbatim's accuracy on all ${quoteRows.length} quotes (dev + held-out)`);
  row('in this corpus', all);
  row('on the bundled corpus alone', bundledAccuracy);
  console.log(`  accuracy on the dev set (${devRows.length} quotes) in this corpus`);
  row('Verbatim', accuracy(verbatim, devRows));
  if (slowSample === null) {
    row('Fuse.js over sentences', accuracy(fuse, devRows));
    row('approximate search (Hypothesis)', accuracy(approx, devRows));
  }

  const search = new CorpusSearch(index);
  const keystrokes = SEARCHES.flatMap(q =>
    Array.from({ length: q.length }, (_, i) => q.slice(0, i + 1)),
  );
  const s = latencies(keystrokes, k => search.search(k, 20), slowSample === null ? REPEAT : 2);
  console.log(`  popup search, ms per keystroke (${keystrokes.length} keystrokes)`);
  row('Verbatim (index + Fuse.js re-rank)', ms(s.p50), ms(s.p95));
}

/** Parse time of one transcript of 1,000,000 characters against one of 100,000. */
function benchLongDocument(bundled: SourceDocument[]): void {
  const seed = bundled.find(d => d.kind === 'transcript') ?? bundled[0]!;
  console.log('\n== Parsing one long transcript ==');
  row('', '100,000 chars', '1,000,000 chars', 'ratio (10× text)');
  for (const marks of [true, false]) {
    const short = longTranscript(seed, 100_000, marks);
    const long = longTranscript(seed, 1_000_000, marks);
    parseDocument(short); // warm-up
    parseDocument(long);
    // Interleaved, each after a collection, minimum of the runs: on a shared machine a single
    // timing of a few milliseconds is mostly noise.
    const shortRuns: number[] = [];
    const longRuns: number[] = [];
    for (let i = 0; i < 7; i++) {
      globalThis.gc?.();
      shortRuns.push(time(() => parseDocument(short))[1]);
      globalThis.gc?.();
      longRuns.push(time(() => parseDocument(long))[1]);
    }
    const shortMs = Math.min(...shortRuns);
    const longMs = Math.min(...longRuns);
    row(
      marks ? 'parse (ms), with quotations' : 'parse (ms), no quotation marks',
      ms(shortMs),
      ms(longMs),
      `${(longMs / shortMs).toFixed(1)}×`,
    );
  }
}

async function main(): Promise<void> {
  console.log(
    `Verbatim benchmark — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}`,
  );
  if (!globalThis.gc) console.log('(run with node --expose-gc for heap figures)');
  const bundled = await readCorpusDir(BUNDLED_CORPUS_DIR);
  benchLongDocument(bundled);
  // `--parse-only`: the long-document table alone (seconds, not minutes).
  if (args.includes('--parse-only')) return;
  await benchCorpus('Bundled corpus', bundled, null);
  for (const documents of GENERATED_DOCS) {
    const [generated, genMs] = time(() => generateCorpus(bundled, { documents }));
    console.log(`\n(generated ${documents} documents in ${ms(genMs)} ms)`);
    await benchCorpus('Generated corpus + bundled', [...generated, ...bundled], SLOW_SAMPLE);
  }
}

export type { ParsedDocument };

await main();
