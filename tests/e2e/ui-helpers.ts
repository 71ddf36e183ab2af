/**
 * Helpers for the popup and options e2e tests: page objects for the two
 * pages, the tab id of a page, axe-core checks, and focus-ring checks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Locator, Page } from 'playwright-core';

import { type Extension, REPO } from './fixtures';

/** axe-core's script, evaluated where a test runs it. */
export const AXE = join(REPO, 'node_modules/axe-core/axe.min.js');

export class PopupPage {
  constructor(readonly page: Page) {}

  get search(): Locator {
    return this.page.getByRole('combobox', { name: 'Search your sources' });
  }
  get results(): Locator {
    return this.page.getByTestId('result');
  }
  get stats(): Locator {
    return this.page.getByTestId('page-stats');
  }
  async waitForResults(): Promise<void> {
    await this.results.first().waitFor();
  }
}

export class OptionsPage {
  constructor(readonly page: Page) {}

  get rows(): Locator {
    return this.page.getByTestId('doc-row');
  }
  row(id: string): Locator {
    return this.page.locator(`[data-testid="doc-row"][data-id="${id}"]`);
  }
  get preview(): Locator {
    return this.page.getByTestId('import-preview');
  }
  get importErrors(): Locator {
    return this.page.getByTestId('import-errors');
  }
  get toast(): Locator {
    return this.page.getByTestId('toast').last();
  }
  /** The speaker names the import preview lists. */
  async previewSpeakers(): Promise<string[]> {
    return this.preview.locator('[data-testid="parsed-speaker"] .speaker-name').allTextContents();
  }
  /** Choose files with the file picker. */
  async pick(...files: Array<string | { name: string; mimeType: string; buffer: Buffer }>) {
    await this.page.getByTestId('file-input').setInputFiles(files as never);
  }
}

/** The tab id of `page` (brought to the front, then asked of the extension). */
export async function tabIdOf(ext: Extension, page: Page): Promise<number> {
  await page.bringToFront();
  const id = await ext.worker.evaluate(async () => {
    const chrome = (
      globalThis as unknown as {
        chrome: { tabs: { query(q: object): Promise<Array<{ id?: number }>> } };
      }
    ).chrome;
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return tab?.id;
  });
  if (id === undefined) throw new Error('no active tab');
  return id;
}

export interface AxeProblem {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * axe-core's serious and critical violations, as seen from the world this runs in (axe loaded
 * there): passed as a function to the page (`axeViolations`) and to Verbatim's world
 * (`VerbatimUi.axe`), so it must not use anything outside itself. `insideShadow` keeps only
 * the nodes inside shadow roots (axe names those by a path of selectors).
 */
export async function seriousAxeViolations(insideShadow: boolean): Promise<AxeProblem[]> {
  const axe = (
    globalThis as unknown as {
      axe: {
        run(
          context: Document,
          options: object,
        ): Promise<{
          violations: Array<{
            id: string;
            impact: string | null;
            help: string;
            nodes: Array<{ target: unknown[] }>;
          }>;
        }>;
      };
    }
  ).axe;
  const result = await axe.run(document, { resultTypes: ['violations'] });
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => ({
      id: v.id,
      impact: v.impact ?? '',
      help: v.help,
      targets: v.nodes
        .filter(n => !insideShadow || Array.isArray(n.target[0]))
        .map(n => JSON.stringify(n.target)),
    }))
    .filter(v => v.targets.length > 0);
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function axeViolations(page: Page): Promise<AxeProblem[]> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    // Extension pages' CSP refuses inline scripts (`addScriptTag`); evaluation is not subject to it.
    await page.evaluate(readFileSync(AXE, 'utf8'));
  }
  return page.evaluate(seriousAxeViolations, false);
}

/** Whether the focused element draws a focus ring (an outline or a box shadow). */
export function focusRingVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return false;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    return outline || (style.boxShadow !== 'none' && style.boxShadow !== '');
  });
}
