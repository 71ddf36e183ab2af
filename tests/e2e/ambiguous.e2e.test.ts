/**
 * (ui, issue #9) A quote whose words two different speakers both said: two ministries'
 * briefings of one day, imported through the options page as a user imports them, both read
 * out the same agreed line (tests/fixtures/ambiguous/). A news page quoting the line without
 * naming anyone gets the "Several sources" mark (a double line: its own shape, not only its
 * own colour), and the popover names both speakers instead of picking one; the popup and the
 * report say the same. Screenshots in light and dark go to docs/ (`VERBATIM_DOCS=1`) or
 * tests/e2e/artifacts/.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ReportJson } from '../../lib/ui/report-export';
import { ARTIFACTS_DIR, type Extension, launchExtension, REPO, waitUntil } from './fixtures';
import { colorDistance, kindLine, shapesDiffer, underlineSignature } from './mark-pixels';
import { ArticlePage } from './page-objects';
import { axeViolations, OptionsPage, tabIdOf } from './ui-helpers';

const PAGE = 'tests/e2e/pages/ambiguous.html';
const FIXTURES = join(REPO, 'tests/fixtures/ambiguous');
const BRIEFINGS = [
  'foreign-ministry-briefing-2026-03-09.txt',
  'defence-ministry-briefing-2026-03-09.txt',
];
const LINE = 'The ceasefire must hold';
const PATROLS = 'What has changed is the number of patrols';
const DOCS = process.env.VERBATIM_DOCS ? join(REPO, 'docs') : ARTIFACTS_DIR;

const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

describe('the same words from two speakers', () => {
  let ext: Extension;
  let article: ArticlePage;
  let tabId: number;

  beforeAll(async () => {
    ext = await launchExtension();
    await mkdir(DOCS, { recursive: true });
    const page = await ext.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(ext.extensionUrl('options.html'));
    const options = new OptionsPage(page);
    await options.rows.first().waitFor();
    await options.pick(...BRIEFINGS.map(f => join(FIXTURES, f)));
    await options.preview.waitFor();
    await options.preview.getByRole('button', { name: 'Save 2 documents' }).click();
    await options.preview.waitFor({ state: 'detached' });
    await waitUntil(async () => (await options.rows.count()) === 4);
    await page.close();

    article = await new ArticlePage(await ext.context.newPage()).open(ext.serve(PAGE));
    await article.waitForHighlights(2);
    tabId = await tabIdOf(ext, article.page);
  });

  afterAll(async () => {
    await ext?.close();
  });

  it('imported both briefings with their spokespeople as the speakers', async () => {
    const list = await ext.callBackground('listDocuments');
    if (!list.ok) throw new Error(list.error);
    const kinds = list.value
      .filter(d => d.id.includes('ministry-briefing'))
      .map(d => [d.id, d.kind]);
    expect(kinds.sort()).toEqual([
      ['defence-ministry-briefing-2026-03-09', 'transcript'],
      ['foreign-ministry-briefing-2026-03-09', 'transcript'],
    ]);
  });

  it('draws the ambiguous quote with a double line, unlike the verbatim one beside it', async () => {
    const decoder = await ext.context.newPage();
    const signatures = [];
    for (const kind of ['ambiguous', 'verbatim']) {
      const line = await kindLine(article.page, kind);
      expect(line, `a ${kind} mark`).not.toBeNull();
      await article.page.evaluate(top => window.scrollBy(0, top - 200), line!.top);
      signatures.push(await underlineSignature(article.page, decoder, kind));
    }
    await decoder.close();
    const [ambiguous, verbatim] = signatures as [(typeof signatures)[0], (typeof signatures)[0]];
    console.log(JSON.stringify({ ambiguous, verbatim }));
    expect(ambiguous.pixels).toBeGreaterThan(20);
    // Two separate lines: the legend's "double line".
    expect(ambiguous.bands).toBe(2);
    expect(verbatim.bands).toBe(1);
    expect(shapesDiffer(ambiguous, verbatim)).toBe(true);
    expect(colorDistance(ambiguous, verbatim)).toBeGreaterThan(40);
  });

  it('names both speakers in the popover instead of picking one', async () => {
    const popover = await article.hoverQuote(LINE, { top: 160 });
    expect(await popover.verdict.getAttribute('data-kind')).toBe('ambiguous');
    expect(squash(await popover.verdict.locator('.vb-finding-title').textContent())).toBe(
      'Found in more than one place',
    );
    const ambiguity = popover.root.locator('[data-testid="ambiguity"]');
    const names = squash(await ambiguity.textContent());
    // Which speaker the matcher lists first is not the point: both are named.
    expect(names).toMatch(
      /^Your corpus has these words from (Lina Berg and from Tomas Reid|Tomas Reid and from Lina Berg): which of them the page quotes is uncertain\.$/,
    );
    const alternatives = await popover.root
      .locator('[data-testid="alternative"]')
      .allTextContents();
    expect(alternatives).toHaveLength(1);
    expect(squash(alternatives[0]!)).toMatch(/^(Lina Berg|Tomas Reid), Press briefing by/);
    expect(squash(alternatives[0]!)).toContain(
      '“The ceasefire must hold, and every party to it must honour its commitments in full”',
    );
    expect(await axeViolations(article.page)).toEqual([]);
    await article.page.mouse.move(2, 2);
    await article.page.keyboard.press('Escape');

    // The other quote has one source: Tomas Reid, verbatim, as the page says.
    const patrols = await article.hoverQuote(PATROLS, { top: 160 });
    expect(await patrols.verdict.getAttribute('data-kind')).toBe('verbatim');
    expect(squash(await patrols.speaker.textContent())).toContain('Tomas Reid');
    await article.page.mouse.move(2, 2);
    await article.page.keyboard.press('Escape');
  });

  it('lists it as “Several sources” in the popup and as ambiguous in the report’s JSON', async () => {
    const popup = await ext.context.newPage();
    await popup.setViewportSize({ width: 380, height: 600 });
    await popup.goto(ext.extensionUrl(`popup.html?tab=${tabId}`));
    const items = popup.getByTestId('page-quote');
    await waitUntil(async () => (await items.count()) === 2);
    expect(await items.evaluateAll(els => els.map(e => e.getAttribute('data-kind')))).toEqual([
      'ambiguous',
      'verbatim',
    ]);
    expect(squash(await items.first().textContent())).toContain('Several sources');
    await popup.close();

    const report = await ext.context.newPage();
    await report.goto(ext.extensionUrl(`report.html?tab=${tabId}`));
    await waitUntil(async () => (await report.getByTestId('report-quote').count()) === 2);
    const download = report.waitForEvent('download');
    await report.getByTestId('export-json').click();
    const json = JSON.parse(await readFile(await (await download).path(), 'utf8')) as ReportJson;
    expect(json.quotes.map(q => [q.ambiguous, q.misattributed, q.source?.primary])).toEqual([
      [true, false, true],
      [false, false, true],
    ]);
    expect(json.quotes[1]!.source?.speaker).toBe('Tomas Reid');
    await report.close();
  });

  it.each(['light', 'dark'] as const)('screenshot of its popover (%s)', async scheme => {
    await article.page.emulateMedia({ colorScheme: scheme });
    const popover = await article.hoverQuote(LINE, { top: 160 });
    expect(await popover.verdict.getAttribute('data-kind')).toBe('ambiguous');
    await article.page.screenshot({ path: join(DOCS, `popover-ambiguous-${scheme}.png`) });
    await article.page.mouse.move(2, 2);
    await article.page.keyboard.press('Escape');
  });
});
