/**
 * The reader page (`reader.html`): a whole document with its speaker turns,
 * scrolled to a passage.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type Extension, launchExtension } from './fixtures';

let ext: Extension;

beforeAll(async () => {
  ext = await launchExtension();
});

afterAll(async () => {
  await ext?.close();
});

const DOC = 'nato-sg-press-conference-2022-01-07';
const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

describe('the reader', () => {
  it('shows the document with its metadata and speaker turns, scrolled to the passage', async () => {
    const source = await ext.callBackground('getDocument', { id: DOC });
    if (!source.ok) throw new Error(source.error);
    const text = source.value.document.text;
    const passage = 'The risk of conflict is real';
    const start = text.indexOf(passage);
    const page = await ext.context.newPage();
    await page.goto(
      ext.extensionUrl(`reader.html?doc=${DOC}&start=${start}&end=${start + passage.length}`),
    );
    const mark = page.getByTestId('reader-mark');
    await mark.first().waitFor();
    expect(await mark.count()).toBe(1);
    expect(squash(await mark.textContent())).toBe(passage);
    // Focused for keyboard and screen reader users, and in view.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('MARK');
    const box = (await mark.boundingBox())!;
    expect(box.y).toBeGreaterThan(0);
    expect(box.y + box.height).toBeLessThan(page.viewportSize()!.height);

    await expect(page.getByTestId('reader-title').textContent()).resolves.toBe(
      source.value.document.title,
    );
    expect(squash(await page.getByTestId('reader-meta').textContent())).toBe(
      'Transcript · NATO · 7 January 2022',
    );
    await expect(
      page.getByRole('link', { name: 'Original page' }).getAttribute('href'),
    ).resolves.toBe('https://www.nato.int/cps/en/natohq/opinions_190508.htm');
    // Speaker turns, headed by who speaks: the Secretary General, the spokesperson, journalists.
    const headings = await page.locator('.rd-turn h2').allTextContents();
    expect(headings.map(squash).slice(0, 3)).toEqual([
      'Jens Stoltenberg, NATO Secretary General',
      'Oana Lungescu, NATO Spokesperson',
      'Max Delany, AFP',
    ]);
    await expect(page.title()).resolves.toContain('Verbatim reader');
    await page.close();
  });

  it('says so when the document does not exist', async () => {
    const page = await ext.context.newPage();
    await page.goto(ext.extensionUrl('reader.html?doc=no-such-document&start=0&end=10'));
    const error = page.getByTestId('reader-error');
    await error.waitFor();
    expect(squash(await error.textContent())).toContain(
      'There is no document “no-such-document” in your Verbatim corpus.',
    );
    await expect(page.locator('h1').textContent()).resolves.toBe('Document not found');
    await page.close();
  });

  it('follows the light and dark colour schemes', async () => {
    const page = await ext.context.newPage();
    await page.goto(ext.extensionUrl(`reader.html?doc=${DOC}`));
    await page.getByTestId('reader-title').waitFor();
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await background()).toBe('rgb(255, 255, 255)');
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await background()).toBe('rgb(29, 33, 39)');
    await page.close();
  });
});
