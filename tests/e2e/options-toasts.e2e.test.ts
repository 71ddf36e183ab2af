/**
 * (ui, issue #9) The options page's messages at 400 px, in real Chromium, after several actions
 * in a row: an import that fails, one that succeeds, a delete (with Undo), an export that fails
 * because another window deleted the document meanwhile, and a later export that succeeds.
 * Messages stack (newest last) inside the window; a success clears earlier errors (the import's
 * "Nothing was imported" and an error message alike); and no message ever covers a dialog's
 * buttons.
 */
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ARTIFACTS_DIR, type Extension, launchExtension, REPO, waitUntil } from './fixtures';
import { axeViolations, OptionsPage } from './ui-helpers';

const STATEMENT = join(REPO, 'tests/fixtures/import/lighthouse-statement.md');
const VIEWPORT = { width: 400, height: 800 };

const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

describe('messages on the options page at 400 px', () => {
  let ext: Extension;
  let options: OptionsPage;
  let statementId = '';

  beforeAll(async () => {
    ext = await launchExtension({ viewport: VIEWPORT });
    // The helper page the test's background calls go through, opened before the options page.
    await ext.callBackground('listDocuments');
    const page = await ext.context.newPage();
    await page.goto(ext.extensionUrl('options.html'));
    options = new OptionsPage(page);
    await options.rows.first().waitFor();
  });

  afterAll(async () => {
    await ext?.close();
  });

  const toasts = () => options.page.getByTestId('toast');
  const texts = async () => (await toasts().allTextContents()).map(squash);
  const tones = () => toasts().evaluateAll(els => els.map(e => e.getAttribute('data-tone')));

  /** Every message inside the window, none over another. */
  async function expectStacked(): Promise<void> {
    const boxes = await toasts().evaluateAll(els =>
      els.map(e => {
        const r = e.getBoundingClientRect();
        return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      }),
    );
    for (const [i, b] of boxes.entries()) {
      expect(b.left, `message ${i + 1} inside on the left`).toBeGreaterThanOrEqual(0);
      expect(b.right, `message ${i + 1} inside on the right`).toBeLessThanOrEqual(VIEWPORT.width);
      expect(b.bottom).toBeLessThanOrEqual(VIEWPORT.height);
      if (i > 0)
        expect(b.top, `message ${i + 1} below message ${i}`).toBeGreaterThanOrEqual(
          boxes[i - 1]!.bottom,
        );
    }
  }

  /** A dialog's content fits its box: nothing wider than it, no control cut at its edge. */
  async function expectFits(dialogTestId: string): Promise<void> {
    const fit = await options.page.getByTestId(dialogTestId).evaluate(el => {
      const modal = (el.closest('.vb-modal') ?? el) as HTMLElement;
      const box = modal.getBoundingClientRect();
      const cut = [...modal.querySelectorAll('input, select, textarea, button')]
        .map(c => c.getBoundingClientRect())
        .filter(r => r.width > 0 && (r.right > box.right + 0.5 || r.left < box.left - 0.5));
      return { overflow: modal.scrollWidth - modal.clientWidth, cut: cut.length, right: box.right };
    });
    expect(fit.overflow, `${dialogTestId}: no horizontal overflow`).toBeLessThanOrEqual(0);
    expect(fit.cut, `${dialogTestId}: controls inside`).toBe(0);
    expect(fit.right).toBeLessThanOrEqual(VIEWPORT.width);
  }

  it('clears “Nothing was imported” with the next import that succeeds', async () => {
    await options.pick({ name: 'empty.md', mimeType: 'text/markdown', buffer: Buffer.from('') });
    await options.importErrors.waitFor();
    expect(squash(await options.importErrors.textContent())).toContain('Nothing was imported');

    await options.pick(STATEMENT);
    await options.preview.waitFor();
    await expectFits('import-preview');
    await options.preview.getByRole('button', { name: 'Save 1 document' }).click();
    await options.preview.waitFor({ state: 'detached' });
    await waitUntil(async () => (await toasts().count()) === 1);
    const [saved] = await texts();
    expect(saved).toMatch(/^Saved “Statement on the lighthouse restoration” as (\S+)\./);
    statementId = /as (\S+)\./.exec(saved!)![1]!;
    expect(await options.importErrors.count()).toBe(0);
  });

  it('stacks the delete’s message (with Undo) under the import’s', async () => {
    await options
      .row(statementId)
      .getByRole('button', { name: /^Delete/ })
      .click();
    await waitUntil(async () => (await toasts().count()) === 2);
    expect((await texts())[1]).toMatch(/^Deleted “Statement on the lighthouse restoration”\./);
    await expectStacked();
    // Undo runs once: its message goes and says what came back.
    await options.toast.getByRole('button', { name: 'Undo' }).click();
    await options.row(statementId).waitFor();
    await waitUntil(async () => (await texts()).some(t => t.startsWith('Restored')));
    expect(await texts()).toEqual([
      expect.stringMatching(/^Saved /),
      expect.stringMatching(/^Restored “Statement on the lighthouse restoration”\./),
    ]);
  });

  it('adds an error, and a later success takes the error away', async () => {
    // Another window deletes the document while this page still lists it.
    await options.row(statementId).getByRole('checkbox').check();
    const gone = await ext.callBackground('deleteDocuments', { ids: [statementId] });
    expect(gone.ok).toBe(true);
    await options.page.getByTestId('export-selected').click();
    await waitUntil(async () => (await tones()).includes('error'));
    expect(await texts()).toHaveLength(3);
    expect((await texts())[2]).toMatch(/^Export failed: /);
    await expectStacked();
    expect(await axeViolations(options.page)).toEqual([]);
    await options.page.screenshot({ path: join(ARTIFACTS_DIR, 'options-toasts-400.png') });

    const download = options.page.waitForEvent('download');
    await options.page.getByTestId('export-all').click();
    await download;
    await waitUntil(async () => (await texts()).some(t => t.startsWith('Exported')));
    expect(await tones()).not.toContain('error');
    const now = await texts();
    expect(now.at(-1)).toMatch(/^Exported \d+ documents to verbatim-corpus-/);
    expect(now.length).toBeLessThanOrEqual(3);
    await expectStacked();
  });

  it('never covers a dialog’s buttons', async () => {
    expect(await toasts().count()).toBeGreaterThanOrEqual(2);
    await options.rows.first().getByRole('button', { name: /^Edit/ }).click();
    const dialog = options.page.getByTestId('edit-dialog');
    await dialog.waitFor();
    await dialog.getByLabel('Title').waitFor();
    await expectFits('edit-dialog');
    for (const name of ['Cancel', 'Save changes']) {
      const button = dialog.getByRole('button', { name });
      await button.scrollIntoViewIfNeeded();
      const onTop = await button.evaluate(el => {
        const r = el.getBoundingClientRect();
        const points = [
          [r.left + 4, r.top + 4],
          [r.left + r.width / 2, r.top + r.height / 2],
          [r.right - 4, r.bottom - 4],
        ];
        return points.every(([x, y]) => {
          const hit = document.elementFromPoint(x!, y!);
          return hit !== null && (hit === el || el.contains(hit));
        });
      });
      expect(onTop, `${name} is not covered`).toBe(true);
    }
    await options.page.screenshot({ path: join(ARTIFACTS_DIR, 'options-toasts-dialog-400.png') });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });
});
