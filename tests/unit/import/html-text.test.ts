// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { extractHtml } from '@/lib/import/html-text';

// A path, not a URL: under happy-dom `URL` is the DOM's, which node:fs does not take.
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/import');

const LONG = 'The harbour committee met for three hours and agreed on nothing at all. '.repeat(4);

describe('extractHtml', () => {
  const page = extractHtml(readFileSync(join(FIXTURES, 'harbour-daily-article.html'), 'utf8'));

  it('keeps the article’s paragraphs, one per block, separated by blank lines', () => {
    expect(page.text.split('\n\n')).toEqual([
      'Ten-year fishing quota deal signed',
      'By Tomas Reyes · 15 March 2025',
      'The government has signed a ten-year fishing quota agreement with its northern neighbours, Coastal Affairs Minister Ingrid Halvorsen announced on Friday.',
      '“Every result will be published within thirty days, and anyone will be able to check our numbers against the catch,” Halvorsen told reporters.',
      'Asked about fishermen in the western ports, she said: “No one was left out of the room.”\nCritics were not convinced.',
    ]);
  });

  it('drops scripts, styles, navigation, asides, the site header and footer', () => {
    for (const furniture of [
      'tracking',
      'injected',
      'font-family',
      'Politics',
      'Subscribe',
      'Storm warning',
      'All rights reserved',
      'Sport',
    ]) {
      expect(page.text).not.toContain(furniture);
    }
  });

  it('reads the title, date, site name and canonical address', () => {
    expect(page).toMatchObject({
      title: 'Ten-year fishing quota deal signed',
      date: '2025-03-15',
      publisher: 'Harbour Daily',
      sourceUrl: 'https://harbourdaily.example/news/quota-deal-signed',
    });
  });

  it('falls back to `main` when there is no article', () => {
    const html = `<body><nav>Menu items here</nav><main><p>${LONG}</p><p>Second paragraph.</p></main><footer>Footer</footer></body>`;
    expect(extractHtml(html).text).toBe(`${LONG.trim()}\n\nSecond paragraph.`);
  });

  it('without article or main, takes the element whose paragraphs hold the most text', () => {
    const html = `<body>
      <div class="teasers"><p>Short teaser one.</p><p>Short teaser two.</p></div>
      <div class="story"><p>${LONG}</p><p>${LONG}</p></div>
      <div class="related"><p>Related story.</p></div>
    </body>`;
    const { text } = extractHtml(html);
    expect(text).toBe(`${LONG.trim()}\n\n${LONG.trim()}`);
  });

  it('keeps speaker labels of a transcript page at the start of their paragraphs', () => {
    const html = `<article><h1>Press conference</h1>
      <p><strong>Minister Ingrid Halvorsen:</strong> Good morning. ${LONG}</p>
      <p><b>Tomas Reyes (Harbour Daily):</b> What do you say to the fishermen?</p></article>`;
    const paragraphs = extractHtml(html).text.split('\n\n');
    expect(paragraphs[1]).toMatch(/^Minister Ingrid Halvorsen: Good morning\./);
    expect(paragraphs[2]).toBe('Tomas Reyes (Harbour Daily): What do you say to the fishermen?');
  });

  it('returns text only: markup in the page comes out as its words, entities decoded', () => {
    const html = `<article><p>Use &lt;b&gt; tags &amp; <em>emphasis</em> — <img src=x onerror="alert(1)"> ${LONG}</p></article>`;
    const { text } = extractHtml(html);
    expect(text.startsWith('Use <b> tags & emphasis — ')).toBe(true);
    expect(text).not.toContain('onerror');
  });

  it('turns list items into bulleted lines', () => {
    const html = `<article><p>${LONG}</p><ul><li>First point</li><li>Second point</li></ul></article>`;
    expect(extractHtml(html).text.endsWith('- First point\n\n- Second point')).toBe(true);
  });

  it('returns an empty text for a page without words', () => {
    expect(extractHtml('<html><body><script>var a = 1;</script></body></html>').text).toBe('');
  });
});
