// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

import {
  collectTextBlocks,
  domPosition,
  type DomQuote,
  findQuotesInDom,
  scanQuotesInDom,
  type TextBlock,
  toDetectedQuote,
} from '../../lib/dom/find-quotes';

/** Fixture pages in tests/fixtures/pages, each with a `<name>.expected.json` beside it. */
const PAGES = ['news-report-2022-01-08'];
// Paths, not URLs: under happy-dom `URL` is the DOM's, which node:fs does not take.
const PAGES_DIR = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/pages');

interface Expected {
  quotes: Array<{ text: string; attribution?: string }>;
}

/**
 * Loads a page into the test environment's own document. (happy-dom builds the ranges of a
 * `DOMParser` document against the window's main document, so they would come out empty.)
 */
function load(html: string): Document {
  document.open();
  document.write(
    html.startsWith('<!doctype') ? html : `<!doctype html><html><body>${html}</body></html>`,
  );
  document.close();
  return document;
}

/** What a reader sees of a range: its text with white space collapsed. */
function seen(range: Range): string {
  return range.toString().replace(/\s+/g, ' ').trim();
}

function quotesIn(html: string, options?: Parameters<typeof findQuotesInDom>[1]): DomQuote[] {
  return findQuotesInDom(load(html).body, options);
}

describe('collectTextBlocks', () => {
  it('separates paragraphs, list items and cells but crosses links and emphasis', () => {
    const doc = load(
      '<h1>Title here</h1><div><p>One <a href="#">link</a> and <em>stress</em>.</p><ul><li>First</li><li>Second</li></ul></div><table><tr><td>A</td><td>B</td></tr></table>',
    );
    expect(collectTextBlocks(doc.body).map(b => b.text)).toEqual([
      'Title here',
      'One link and stress.',
      'First',
      'Second',
      'A',
      'B',
    ]);
  });

  it('collapses white space as a reader sees it and keeps it in <pre>', () => {
    const doc = load(
      '<p>\n  Lots   of\n\tspace <span> here </span> too  </p><pre>keep   this\n  as is</pre>',
    );
    expect(collectTextBlocks(doc.body).map(b => b.text)).toEqual([
      'Lots of space here too',
      'keep   this\n  as is',
    ]);
  });

  it('reads <br> as a space and drops soft hyphens', () => {
    const doc = load('<p>line one<br>line two<br><br>Stolten\u00adberg</p>');
    expect(collectTextBlocks(doc.body)[0]?.text).toBe('line one line two Stoltenberg');
  });

  it('skips scripts, styles, form fields, hidden and editable content, and our own UI', () => {
    const doc = load(
      [
        '<p>Visible text.</p>',
        '<script>var s = "script";</script><style>p { color: red }</style>',
        '<noscript>noscript</noscript><template><p>template</p></template>',
        '<textarea>textarea</textarea><select><option>option</option></select>',
        '<p hidden>hidden attribute</p><p aria-hidden="true">aria-hidden</p>',
        '<p style="display: none">display none</p><div contenteditable="true">editable</div>',
        '<div data-verbatim-ignore><p>our popover</p></div>',
        '<p>Also <span hidden>not </span>visible.</p>',
      ].join(''),
    );
    expect(collectTextBlocks(doc.body).map(b => b.text)).toEqual([
      'Visible text.',
      'Also visible.',
    ]);
  });

  it('skips everything under an editable ancestor, however deep, and a whole page in design mode', () => {
    const doc = load(
      '<div contenteditable="plaintext-only"><section><p>“Typed by the user,” he wrote.</p></section></div>' +
        '<div role="textbox"><p>“A custom editor,” she typed.</p></div>' +
        '<div contenteditable="false"><p>“Not editable,” they said.</p></div>',
    );
    expect(collectTextBlocks(doc.body).map(b => b.text)).toEqual(['“Not editable,” they said.']);
    // A rescan of a block inside the editor (after a keystroke) finds nothing either.
    const inner = doc.querySelector('section p')!;
    expect(collectTextBlocks(inner)).toEqual([]);
    doc.designMode = 'on';
    try {
      expect(collectTextBlocks(doc.body)).toEqual([]);
    } finally {
      doc.designMode = 'off';
    }
  });

  it('reads the <text> an <svg> draws, one block each, and none from <defs> or hidden groups', () => {
    const doc = load(
      '<p>Before.</p><svg viewBox="0 0 100 20"><title>A chart</title>' +
        '<defs><text id="t">“Defined, not drawn”</text></defs>' +
        '<g style="display: none"><text>“Hidden group”</text></g>' +
        '<text x="0" y="10">“The risk of <tspan>conflict</tspan> is real,” he said.</text>' +
        '<text x="0" y="20">Second line</text></svg><p>After.</p>',
    );
    expect(collectTextBlocks(doc.body).map(b => b.text)).toEqual([
      'Before.',
      '“The risk of conflict is real,” he said.',
      'Second line',
      'After.',
    ]);
    expect(findQuotesInDom(doc.body).map(q => q.text)).toEqual(['The risk of conflict is real']);
  });

  it('reads open shadow roots in place of their host’s children, slots filled', () => {
    const doc = load(
      '<p>Light.</p><quote-card><span slot="who">Stoltenberg</span>unslotted</quote-card>',
    );
    const host = doc.querySelector('quote-card')!;
    const shadow = host.attachShadow({ mode: 'open' });
    const p1 = doc.createElement('p');
    const slot = doc.createElement('slot');
    slot.name = 'who';
    slot.textContent = 'someone';
    p1.append('“The risk of conflict is real,” said ', slot, '.');
    const p2 = doc.createElement('p');
    const fallback = doc.createElement('slot');
    fallback.name = 'none';
    fallback.textContent = 'Fallback text.';
    p2.append(fallback);
    shadow.append(p1, p2);
    const roots: ShadowRoot[] = [];
    expect(
      collectTextBlocks(doc.body, { onShadowRoot: r => roots.push(r) }).map(b => b.text),
    ).toEqual(['Light.', '“The risk of conflict is real,” said Stoltenberg.', 'Fallback text.']);
    expect(roots).toEqual([shadow]);
    const [quote] = findQuotesInDom(doc.body);
    expect(quote).toMatchObject({
      text: 'The risk of conflict is real',
      attribution: 'Stoltenberg',
    });
  });

  it('reads only the summary of a closed <details>, and reports what it leaves hidden', () => {
    const doc = load(
      '<details><summary>More</summary><p>“Shown on a click,” he said.</p></details>' +
        '<p hidden>“Hidden for now”</p><details open><summary>Open</summary><p>Inside.</p></details>',
    );
    const hidden: Element[] = [];
    expect(
      collectTextBlocks(doc.body, { onHidden: el => hidden.push(el) }).map(b => b.text),
    ).toEqual(['More', 'Open', 'Inside.']);
    expect(hidden.map(el => el.localName)).toEqual(['details', 'p']);
  });

  it('reads only a block’s own text when shallow', () => {
    const doc = load(
      '<article>Updated <time>5 s</time> ago<p>“A quote in a paragraph,” he said.</p>tail</article>',
    );
    const article = doc.querySelector('article')!;
    expect(collectTextBlocks(article, { shallow: true }).map(b => b.text)).toEqual([
      'Updated 5 s ago',
      'tail',
    ]);
  });

  it('skips what the isHidden test seam says is hidden', () => {
    const doc = load('<p>Shown.</p><p class="sr-only">Screen-reader only.</p>');
    const blocks = collectTextBlocks(doc.body, {
      isHidden: el => el.classList.contains('sr-only'),
    });
    expect(blocks.map(b => b.text)).toEqual(['Shown.']);
  });

  it('maps every character of the text back to the same character in its text node', () => {
    const doc = load(
      '<article><p>  Speaking <a href="#">after   the\n meeting</a>, <em>he</em> said,<br>“NATO <strong>will</strong>  engage.”  </p><li>x <b>y</b></li></article>',
    );
    const blocks = collectTextBlocks(doc.body);
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) {
      for (let i = 0; i < block.text.length; i++) {
        const covered = block.segments.some(s => s.start <= i && i < s.start + s.length);
        const pos = domPosition(block, i, 'start');
        const ch = pos?.node.data.charAt(pos.offset) ?? '';
        // A space that stands for a run of white space maps to its first character; only the
        // space of a <br> maps to no text of its own.
        if (!covered) expect(block.text[i]).toBe(' ');
        else if (block.text[i] === ' ') expect(ch).toMatch(/^\s$/);
        else expect(ch).toBe(block.text[i]);
      }
    }
  });

  it('gives each block its element and the <q> elements in it', () => {
    const doc = load('<div><p id="p">He said <q>NATO will engage</q> today.</p></div>');
    const [block] = collectTextBlocks(doc.body) as [TextBlock];
    expect(block.element.id).toBe('p');
    const [q] = block.inlineQuotes;
    expect(q && block.text.slice(q.start, q.end)).toBe('NATO will engage');
  });
});

describe('findQuotesInDom', () => {
  it('finds a quote that crosses <a> and <em>, and its range covers exactly the quoted words', () => {
    const [q, ...rest] = quotesIn(
      '<p>Stoltenberg said, “NATO will <em>engage</em> in <a href="#">dialogue with\n   Russia</a> in good faith,” he said.</p>',
    );
    expect(rest).toEqual([]);
    expect(q?.text).toBe('NATO will engage in dialogue with Russia in good faith');
    expect(q?.attribution).toBe('Stoltenberg');
    const ranges = q?.ranges(document) ?? [];
    expect(ranges.map(seen)).toEqual(['NATO will engage in dialogue with Russia in good faith']);
    // The marks and the comma stay outside the highlight.
    expect(ranges[0]?.startContainer.textContent?.charAt((ranges[0]?.startOffset ?? 0) - 1)).toBe(
      '“',
    );
  });

  it('reports a <q> element as a quote, with the speaker from the sentence around it', () => {
    const [q, ...rest] = quotesIn(
      '<p>Stoltenberg said <q>NATO will engage in good faith</q> on Friday.</p>',
    );
    expect(rest).toEqual([]);
    expect(q).toMatchObject({
      text: 'NATO will engage in good faith',
      mark: 'q',
      attribution: 'Stoltenberg',
    });
    expect(q?.ranges().map(seen)).toEqual(['NATO will engage in good faith']);
  });

  it('reports a multi-paragraph <blockquote> once, credited from its <footer>', () => {
    const quotes = quotesIn(
      '<p>At the press conference:</p><blockquote><p>We will engage in dialogue with Russia.</p><p>But we must be prepared for failure.</p><footer>— <cite>Jens Stoltenberg</cite>, NATO Secretary General</footer></blockquote>',
    );
    expect(quotes).toHaveLength(1);
    const [q] = quotes;
    expect(q).toMatchObject({
      text: 'We will engage in dialogue with Russia. But we must be prepared for failure.',
      mark: 'blockquote',
      attribution: 'Jens Stoltenberg',
    });
    expect(q?.ranges().map(seen)).toEqual([
      'We will engage in dialogue with Russia.',
      'But we must be prepared for failure.',
    ]);
  });

  it('credits a <blockquote> from the paragraph that introduces it', () => {
    const [q] = quotesIn(
      '<p>Stoltenberg told reporters in Brussels:</p><blockquote><p>NATO will engage in dialogue in good faith.</p></blockquote>',
    );
    expect(q).toMatchObject({ mark: 'blockquote', attribution: 'Stoltenberg' });
  });

  it('reports the paragraphs of a <blockquote> after an attribution line as one quote of that speaker', () => {
    const quotes = quotesIn(
      '<p>Jens Stoltenberg told reporters after the meeting:</p><blockquote><p>NATO will engage in dialogue with Russia in good faith.</p><p>But we must also be prepared for the possibility that diplomacy will fail.</p></blockquote><p>The meeting ended at noon.</p>',
    );
    expect(quotes.map(q => [q.text, q.mark, q.attribution])).toEqual([
      [
        'NATO will engage in dialogue with Russia in good faith. But we must also be prepared for the possibility that diplomacy will fail.',
        'blockquote',
        'Jens Stoltenberg',
      ],
    ]);
    expect(quotes[0]?.ranges().map(seen)).toEqual([
      'NATO will engage in dialogue with Russia in good faith.',
      'But we must also be prepared for the possibility that diplomacy will fail.',
    ]);
  });

  it('runs an opening mark never closed to the end of its paragraph, across inline elements', () => {
    const quotes = quotesIn(
      '<p>Stoltenberg said: “NATO will engage in dialogue with Russia <em>in good faith</em>, and on substance.</p><p>The ministers met online.</p>',
    );
    expect(quotes.map(q => [q.text, q.attribution, q.unclosed])).toEqual([
      [
        'NATO will engage in dialogue with Russia in good faith, and on substance.',
        'Stoltenberg',
        true,
      ],
    ]);
    expect(quotes[0]?.ranges().map(seen)).toEqual([
      'NATO will engage in dialogue with Russia in good faith, and on substance.',
    ]);
  });

  it('credits a <blockquote> inside a <figure> from its <figcaption>', () => {
    const [q] = quotesIn(
      '<figure><blockquote><p>NATO will engage in dialogue in good faith.</p></blockquote><figcaption>Jens Stoltenberg, 7 January 2022</figcaption></figure>',
    );
    expect(q).toMatchObject({ mark: 'blockquote', attribution: 'Jens Stoltenberg' });
  });

  it('reports the marked quotes of a <blockquote> instead of the whole block, once each', () => {
    const quotes = quotesIn(
      '<blockquote><p>“We are ready to talk in good faith,” Stoltenberg said. “But not forever.”</p></blockquote>',
    );
    expect(quotes.map(q => [q.text, q.mark, q.attribution])).toEqual([
      ['We are ready to talk in good faith', '“', 'Stoltenberg'],
    ]);
  });

  it('does not report a <q> twice when the page also prints marks around it', () => {
    const quotes = quotesIn('<p>He said “<q>NATO will engage in good faith</q>” today.</p>');
    expect(quotes.map(q => q.text)).toEqual(['NATO will engage in good faith']);
  });

  it('ignores quotes in scripts, hidden elements and our own popover', () => {
    const quotes = quotesIn(
      [
        '<script>var t = "“NATO will engage in good faith”";</script>',
        '<p hidden>“A hidden quote with many words.”</p>',
        '<p aria-hidden="true">“An aria-hidden quote with many words.”</p>',
        '<div data-verbatim-ignore><p>“Our own popover quoting many words.”</p></div>',
        '<p>Only “this quote of five words” counts.</p>',
      ].join(''),
    );
    expect(quotes.map(q => q.text)).toEqual(['this quote of five words']);
  });

  it('gives one range per paragraph to a quote continued over paragraphs', () => {
    const [q] = quotesIn(
      '<p>Stoltenberg said: “We will engage in dialogue with Russia.</p><p>“But we must also be prepared for failure,” he added.</p>',
    );
    expect(q?.pieces).toHaveLength(2);
    expect(q?.ranges().map(seen)).toEqual([
      'We will engage in dialogue with Russia.',
      'But we must also be prepared for failure',
    ]);
  });

  it('yields the same quotes in chunks as in one go', () => {
    const paragraphs = Array.from(
      { length: 40 },
      (_, i) => `<p>Filler paragraph ${i}. Stoltenberg said, “Quote number ${i} has words.”</p>`,
    ).join('');
    const root = load(paragraphs).body;
    const chunks = [...scanQuotesInDom(root, { chunkSize: 5 })];
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.flat().map(toDetectedQuote)).toEqual(findQuotesInDom(root).map(toDetectedQuote));
    expect(chunks.flat()).toHaveLength(40);
  });

  it('gives block numbers that index collectTextBlocks', () => {
    const root = load(
      '<h1>Headline</h1><p>Intro.</p><p>He said “four words are here” today.</p>',
    ).body;
    const [q] = findQuotesInDom(root);
    const block = collectTextBlocks(root)[q?.block ?? -1];
    expect(block?.text.slice(q?.start, q?.end)).toBe('four words are here');
  });

  it('hands over a plain, serialisable quote', () => {
    const [q] = quotesIn('<p>Stoltenberg said, “NATO will engage in good faith.”</p>');
    const plain = q && toDetectedQuote(q);
    expect(JSON.parse(JSON.stringify(plain))).toEqual(plain);
    expect(plain).toEqual({
      text: 'NATO will engage in good faith.',
      block: 0,
      start: 19,
      end: 50,
      mark: '“',
      attribution: 'Stoltenberg',
    });
  });

  describe.each(PAGES)('fixture page %s', name => {
    const html = readFileSync(join(PAGES_DIR, `${name}.html`), 'utf8');
    const expected = JSON.parse(
      readFileSync(join(PAGES_DIR, `${name}.expected.json`), 'utf8'),
    ) as Expected;

    it('finds the quotes a reader sees, with their speakers, and nothing from the page furniture', () => {
      const quotes = findQuotesInDom(load(html).body);
      expect(quotes.map(q => ({ text: q.text, attribution: q.attribution }))).toEqual(
        expected.quotes.map(q => ({ text: q.text, attribution: q.attribution })),
      );
    });

    it('highlights exactly the quoted words of each quote', () => {
      const quotes = findQuotesInDom(load(html).body);
      for (const q of quotes) expect(q.ranges(document).map(seen).join(' ')).toBe(q.text);
    });
  });
});
