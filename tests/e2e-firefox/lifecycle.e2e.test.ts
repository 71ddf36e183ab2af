/**
 * The corpus through the background's life in Firefox ESR, whose Verbatim background is an
 * event page: a real transcript imported on the options page is matched at once on a page
 * already open; it and the bundled corpus stay intact and matching after the event page stops
 * when idle (`extensions.background.idle.timeout`), after an extension reload, and after the
 * browser quits and starts again on the same profile, with a document saved just before it
 * quit. Firefox prints no error or warning for the extension in all of it, shutdown included
 * (no "Script terminated by timeout": see lib/storage/no-bfcache-listeners.ts).
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { SourceDocument } from '../../lib/core/types';
import { type Firefox, launchFirefox, REPO, waitUntil } from './firefox';
import { ArticlePage, OptionsPage } from './page-objects';

const CORPUS = 'tests/fixtures/realworld-dev/corpus';
/** The event page's idle time here (Firefox's default is 30 s): it stops often, as it may. */
const IDLE_MS = 2000;
const ALBANESE_ID = 'aus-albanese-npc-2025';
const PUTIN: SourceDocument = {
  id: 'kremlin-putin-2015-12-17',
  title: 'Vladimir Putin’s annual news conference',
  kind: 'transcript',
  date: '2015-12-17',
  publisher: 'Kremlin',
  text: readFileSync(join(REPO, CORPUS, 'kremlin-putin-2015-12-17.txt'), 'utf8'),
};
const ALBANESE_QUOTE =
  'We did that by making sure that our fiscal policy was responsible, by making difficult decisions';
const PUTIN_QUOTE =
  'Therefore, I suggest that we skip any lengthy monologues and get right down to your questions so as not to waste time';
const NATO_QUOTE = 'NATO will engage in dialogue with Russia in good faith and on substance';
/** A news page quoting the Australian Prime Minister and the Russian President. */
const ARTICLE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Leaders face the press | The Canberra Ledger</title></head>
<body><article>
<h1>Two leaders, two press conferences</h1>
<p>The Prime Minister used his address to the National Press Club to defend his government’s record on the budget.</p>
<p>“${ALBANESE_QUOTE},” Anthony Albanese said, adding that the tax cuts had been redesigned.</p>
<p>In Moscow, President Vladimir Putin opened his annual news conference briefly. “${PUTIN_QUOTE},” Putin told the journalists.</p>
</article></body></html>`;

/** The corpus as exported (documents only: the export also says when it was made). */
async function corpus(fx: Firefox) {
  const reply = await fx.callBackground('exportCorpus', {});
  if (!reply.ok) throw new Error(reply.error);
  return reply.value.documents;
}

/** The source the background names for each quote (speaker and document), or null. */
async function sources(fx: Firefox, quotes: string[]) {
  const reply = await fx.callBackground('matchQuotes', { quotes: quotes.map(text => ({ text })) });
  if (!reply.ok) throw new Error(reply.error);
  return reply.value.map(m => (m ? { speaker: m.speaker?.name, document: m.documentId } : null));
}

async function pageStats(fx: Firefox, page: Page) {
  const reply = await fx.callContent(page, 'getPageStats');
  return reply.ok ? reply.value : null;
}

describe('Firefox: the corpus through the background’s restarts', () => {
  let profileDir: string;
  let fx: Firefox;
  let article: ArticlePage;
  /** The corpus once the transcript is imported. */
  let imported: SourceDocument[];
  /** Every line the first session printed for the extension (up to its shutdown). */
  let firstSession: string[] = [];

  beforeAll(async () => {
    profileDir = await mkdtemp(join(tmpdir(), 'verbatim-firefox-lifecycle-'));
    fx = await launchFirefox({ profileDir, idleTimeoutMs: IDLE_MS });
    article = await new ArticlePage(fx, await fx.newPage()).open(fx.serve(ARTICLE));
  });

  afterAll(async () => {
    await fx?.close();
    if (profileDir) await rm(profileDir, { recursive: true, force: true });
  });

  it('finds the page’s two quotes and no source for them in the bundled corpus', async () => {
    // The page may already have been brought up to date once before its scan was done (the
    // bundled corpus arriving at install time asks it to match again).
    await waitUntil(async () => (await pageStats(fx, article.page))?.found === 2, 10_000);
    expect(await pageStats(fx, article.page)).toEqual({
      host: '127.0.0.1',
      found: 2,
      matched: 0,
      copies: 0,
      paused: false,
    });
  });

  it('imports a transcript on the options page; the open page marks its quote at once, naming the speaker', async () => {
    const options = await OptionsPage.open(fx);
    await options.pick(join(REPO, CORPUS, `${ALBANESE_ID}.txt`));
    await options.pressInPreview('Save 1 document');
    expect(await options.rowText(ALBANESE_ID)).toContain('National Press Club');
    await options.page.close();

    // No reload: the background tells the open page that the corpus changed.
    await waitUntil(async () => (await pageStats(fx, article.page))?.matched === 1, 30_000);
    const popover = await article.hoverQuote('We did that by making sure');
    expect(await popover.text('speaker')).toMatch(/^Anthony Albanese\b/);
    expect(await popover.text('document')).toContain('National Press Club');
    await article.page.mouse.move(1275, 5, { steps: 2 });
    await popover.waitClosed();

    imported = await corpus(fx);
    expect(imported.map(d => d.id).sort()).toEqual([
      ALBANESE_ID,
      'nato-pa-policy-brief-2022-01-07',
      'nato-sg-press-conference-2022-01-07',
    ]);
  });

  it('the event page stops when idle and starts again on the next call, with the corpus intact and matching', async () => {
    const started = await fx.backgroundStartedAt();
    expect(started).not.toBeNull();
    // The index of the three documents is cached: a snapshot file in the origin private file
    // system, which Firefox's event page has too (the database would hold its bytes otherwise).
    await waitUntil(async () => (await fx.cachedIndex()) !== null, 30_000);
    const cached = await fx.cachedIndex();
    expect(cached).toMatchObject({ file: expect.stringMatching(/\.bin$/), bytes: null });
    expect(cached!.fileBytes).toBeGreaterThan(10_000);
    const linesBefore = fx.extensionConsole().length;
    await waitUntil(async () => (await fx.backgroundStartedAt()) === null, 30_000);
    expect(await corpus(fx)).toEqual(imported);
    const restarted = await fx.backgroundStartedAt();
    expect(restarted).toBeGreaterThan(started!);
    expect(await sources(fx, [ALBANESE_QUOTE, NATO_QUOTE, PUTIN_QUOTE])).toEqual([
      { speaker: 'Anthony Albanese', document: ALBANESE_ID },
      { speaker: 'Jens Stoltenberg', document: 'nato-sg-press-conference-2022-01-07' },
      null,
    ]);
    // The restarted event page read that file back rather than parsing the corpus again.
    await waitUntil(
      () =>
        fx
          .extensionConsole()
          .slice(linesBefore)
          .some(line => /corpus index restored .*\(3 documents, 0 parsed/.test(line)),
      10_000,
    );
    await article.page.reload();
    await fx.waitForVerbatim(article.page);
    expect(await pageStats(fx, article.page)).toMatchObject({ found: 2, matched: 1 });
  });

  it('an extension reload keeps the corpus, and the open page is marked again by the new content script', async () => {
    const before = (await fx.callContent(article.page, 'getActivity')) as {
      ok: true;
      value: { startedAt: number };
    };
    const started = await fx.backgroundStartedAt();
    await fx.reloadExtension();
    expect(await fx.backgroundStartedAt()).not.toBe(started);
    expect(await corpus(fx)).toEqual(imported);
    // Firefox puts the new content script into the open tab; it marks the page again.
    await waitUntil(async () => {
      const now = await fx.callContent(article.page, 'getActivity');
      return now.ok && now.value.startedAt !== before.value.startedAt && now.value.idles >= 1;
    }, 30_000);
    // Marked again as the reader sees it (its quote drawn as matched) before its figures are
    // read: once failed under load with none found yet right after the first idle report.
    await article.waitForHighlights(1);
    expect(await pageStats(fx, article.page)).toMatchObject({ found: 2, matched: 1 });
    const popover = await article.hoverQuote('We did that by making sure');
    expect(await popover.text('speaker')).toMatch(/^Anthony Albanese\b/);
    await article.page.mouse.move(1275, 5, { steps: 2 });
  });

  it('a document saved just before the browser quits is there when it starts again on the same profile, with the rest', async () => {
    const saved = await fx.callBackground('saveDocuments', {
      documents: [PUTIN],
      onConflict: 'fail',
    });
    expect(saved).toEqual({ ok: true, value: { saved: [PUTIN.id] } });
    // The save was acknowledged, so IndexedDB has committed it. Quit as soon as the background
    // has indexed it too: a quit in the middle of indexing makes Firefox stop the running script
    // ("Script terminated by timeout", or an error of the half-run code), which this test would
    // report as the extension's; that such a cut loses nothing is the store's unit test of a
    // failure after every write.
    await waitUntil(async () => {
      const status = await fx.callBackground('indexStatus');
      return status.ok && !(status.value as { indexing: boolean }).indexing;
    }, 30_000);
    await fx.close();
    firstSession = fx.extensionConsole();

    fx = await launchFirefox({ profileDir, idleTimeoutMs: IDLE_MS });
    const after = await corpus(fx);
    expect(after).toEqual([...imported, PUTIN].sort((a, b) => a.id.localeCompare(b.id)));
    article = await new ArticlePage(fx, await fx.newPage()).open(fx.serve(ARTICLE));
    expect(await pageStats(fx, article.page)).toMatchObject({ found: 2, matched: 2 });
    const popover = await article.hoverQuote('Therefore, I suggest');
    expect(await popover.text('speaker')).toMatch(/^Vladimir Putin\b/);
  });

  it('prints no error or warning from the extension in either session, shutdown included', () => {
    const problems = (lines: string[]) =>
      lines.filter(line =>
        /^(console\.(error|warn)|JavaScript (error|warning))\b|Error/i.test(line),
      );
    expect(firstSession.length).toBeGreaterThan(0);
    expect(problems(firstSession)).toEqual([]);
    expect(fx.extensionProblems()).toEqual([]);
  });
});
