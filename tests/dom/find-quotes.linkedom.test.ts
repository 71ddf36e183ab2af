// Runs in node (no happy-dom): the DOM is linkedom's, as in the command-line tools.
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';

import { collectTextBlocks, type DomRangeSpec, findQuotesInDom } from '../../lib/dom/find-quotes';

/** Fixture pages in tests/fixtures/pages, each with a `<name>.expected.json` beside it. */
const PAGES = ['news-report-2022-01-08'];
const PAGES_DIR = new URL('../fixtures/pages/', import.meta.url);

/**
 * The text between two DOM positions, white space collapsed, read from the text nodes of the
 * block element in document order (linkedom has no `Range.setStart` to do it for us).
 */
function textBetween(block: Element, p: DomRangeSpec): string {
  const nodes: Text[] = [];
  const walk = (n: Node): void => {
    if (n.nodeType === 3) nodes.push(n as Text);
    for (let c = n.firstChild; c; c = c.nextSibling) walk(c);
  };
  walk(block);
  const from = nodes.indexOf(p.startNode);
  const to = nodes.indexOf(p.endNode);
  expect(from).toBeGreaterThanOrEqual(0);
  expect(to).toBeGreaterThanOrEqual(from);
  const text =
    from === to
      ? p.startNode.data.slice(p.startOffset, p.endOffset)
      : [
          p.startNode.data.slice(p.startOffset),
          ...nodes.slice(from + 1, to).map(n => n.data),
          p.endNode.data.slice(0, p.endOffset),
        ].join('');
  return text.replace(/\s+/g, ' ');
}

describe('findQuotesInDom under linkedom', () => {
  it.each(PAGES)(
    'finds the expected quotes of %s and positions that point at their words',
    name => {
      const html = readFileSync(new URL(`${name}.html`, PAGES_DIR), 'utf8');
      const expected = JSON.parse(
        readFileSync(new URL(`${name}.expected.json`, PAGES_DIR), 'utf8'),
      ) as { quotes: Array<{ text: string; attribution?: string }> };
      const { document } = parseHTML(html);

      const quotes = findQuotesInDom(document.body);

      expect(quotes.map(q => ({ text: q.text, attribution: q.attribution }))).toEqual(
        expected.quotes.map(q => ({ text: q.text, attribution: q.attribution })),
      );
      const blocks = collectTextBlocks(document.body);
      for (const q of quotes) {
        const pieces = q.pieces ?? [q];
        const seen = q.positions.map((p, i) => {
          const block = blocks[pieces[i]?.block ?? -1];
          expect(block).toBeDefined();
          return textBetween(block?.element as Element, p);
        });
        expect(seen.join(' ')).toBe(q.text);
      }
    },
  );
});
