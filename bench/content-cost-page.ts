/** The generated article of `bench/content-cost.ts`. */

const WORDS = (
  'the ministers met again on a grey morning in the capital while officials from several ' +
  'delegations compared notes in the corridors and reporters waited outside for news of ' +
  'progress on the agenda which covered energy supplies troop movements the next summit ' +
  'budgets for the coming year and a long list of smaller items that rarely reach the ' +
  'front pages but don’t fail to matter to the people who work on them every day'
).split(' ');

/**
 * A news article of `words` words without a quotation mark in its text (apostrophes inside
 * words, links, headings, a page script holding JSON with quotation marks), optionally
 * ending with one quotation.
 */
export function article(words: number, quote: boolean): string {
  const parts: string[] = [];
  let n = 0;
  for (let p = 0; n < words; p++) {
    const len = 60 + (p % 5) * 10;
    const w: string[] = [];
    for (let i = 0; i < len; i++) w.push(WORDS[(p * 7 + i) % WORDS.length]!);
    n += len;
    if (p % 6 === 0) parts.push(`<h2>Part ${p / 6 + 1} of the report</h2>`);
    parts.push(
      `<p>${w.slice(0, 20).join(' ')} <a href="#p${p}">${w.slice(20, 24).join(' ')}</a> ${w.slice(24).join(' ')}.</p>`,
    );
  }
  if (quote) {
    parts.push(
      '<p>NATO Secretary General Jens Stoltenberg said: “But we must also be prepared for the possibility that diplomacy will fail.”</p>',
    );
  }
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Report</title>' +
    '<script>window.__data = {"title": "Report", "tags": ["a", "b"]};</script></head><body>' +
    `<article><h1>The long report</h1>${parts.join('\n')}</article></body></html>`
  );
}
