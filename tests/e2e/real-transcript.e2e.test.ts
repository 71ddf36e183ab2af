/**
 * A real transcript in a format other than NATO's, imported through the
 * options page, then quoted on a served news page: the White House press
 * briefing of 8 February 2022 as published (a mirror's page furniture, the
 * title naming "Press Secretary Jen Psaki", turns labelled `MS. PSAKI:`). The
 * import preview reads the label as Jen Psaki, and the popover on the page
 * names her in normal case with her role, not `PSAKI`.
 */
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type Extension, launchExtension, REPO, waitUntil } from './fixtures';
import { ArticlePage } from './page-objects';
import { OptionsPage } from './ui-helpers';

const TRANSCRIPT = join(REPO, 'tests/fixtures/realworld-dev/corpus/wh-psaki-2022-02-08.txt');
const TRANSCRIPT_ID = 'wh-psaki-2022-02-08';
const QUOTE =
  "We can think of few Americans better prepared to take on this challenge than our nation's veterans";

/** A news page quoting the briefing without naming the speaker. */
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Trucking apprenticeships for veterans</title></head>
<body><main><article>
<h1>White House turns to veterans to ease the trucking shortage</h1>
<p>At Tuesday's briefing the White House announced a push to bring more veterans into trucking.
“${QUOTE},” the briefing was told.</p>
<p>The programme starts this spring.</p>
</article></main></body></html>`;

const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

let ext: Extension;

beforeAll(async () => {
  ext = await launchExtension();
});

afterAll(async () => {
  await ext?.close();
});

describe('a White House briefing as published, from file to the quote on a page', () => {
  let options: OptionsPage;

  beforeAll(async () => {
    const page = await ext.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(ext.extensionUrl('options.html'));
    options = new OptionsPage(page);
    await options.rows.first().waitFor();
  });

  afterAll(async () => {
    await options.page.close();
  });

  it('previews the label `MS. PSAKI` as Jen Psaki, the press secretary the title names', async () => {
    await options.pick(TRANSCRIPT);
    await options.preview.waitFor();
    await expect(options.preview.getByLabel('Kind').inputValue()).resolves.toBe('transcript');
    const labels = options.preview.getByTestId('parsed-label');
    await waitUntil(async () => (await labels.count()) > 0);
    const read = (await labels.allTextContents()).map(squash);
    expect(read).toContainEqual(
      expect.stringMatching(/^“MS\. PSAKI” → Jen Psaki · Press Secretary/),
    );
    expect(await options.previewSpeakers()).toEqual(['Jen Psaki']);
  });

  it('saves it; a page quoting the briefing shows “Jen Psaki, Press Secretary” in the popover', async () => {
    await options.preview.getByRole('button', { name: 'Save 1 document' }).click();
    await options.preview.waitFor({ state: 'detached' });
    await options.row(TRANSCRIPT_ID).waitFor();

    const article = await new ArticlePage(await ext.context.newPage()).open(ext.serve(PAGE));
    await article.waitForHighlights(1);
    const popover = await article.hoverQuote(QUOTE.slice(0, 30));
    expect(squash(await popover.speaker.textContent())).toBe('Jen Psaki, Press Secretary');
    expect(squash(await popover.passage.textContent())).toContain(QUOTE);
    expect(squash(await popover.document.textContent())).toContain(
      'Press Briefing by Press Secretary Jen Psaki',
    );
    await article.page.close();
  });
});
