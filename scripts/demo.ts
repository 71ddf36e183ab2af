/**
 * `npm run demo` — see Verbatim at work without installing anything by hand:
 * builds the extension, serves the news-report fixture page on 127.0.0.1 and
 * opens Debian's Chromium (`/usr/bin/chromium`, or `$CHROMIUM`) with Verbatim
 * loaded on it.
 *
 *   npm run demo                          # a Chromium window (needs a display)
 *   npm run demo -- --screenshot demo.png # headless: hover a quote, save a screenshot
 *   npm run demo -- --no-build            # use the last build in .output/chrome-mv3
 *
 * Without a display (`$DISPLAY` unset) it says so and falls back to the
 * headless screenshot (`verbatim-demo.png`).
 */
import { resolve } from 'node:path';

import { build } from 'wxt';

import { launchExtension, REPO } from '../tests/e2e/fixtures';
import { ArticlePage } from '../tests/e2e/page-objects';

const PAGE = 'tests/fixtures/pages/news-report-2022-01-08.html';
/** The quote hovered for the screenshot: an edited quote, so the popover shows a diff. */
const QUOTE = 'But I will say';
const USAGE = 'usage: npm run demo -- [--screenshot FILE] [--no-build]';

function parseArgs(argv: string[]) {
  let screenshot: string | undefined;
  let buildFirst = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--screenshot') {
      screenshot = argv[++i];
      if (!screenshot) throw new Error(`--screenshot needs a file name\n${USAGE}`);
    } else if (arg === '--no-build') buildFirst = false;
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}\n${USAGE}`);
  }
  return { screenshot, buildFirst };
}

const step = (message: string) => console.log(`\n▸ ${message}`);

async function main() {
  const args = parseArgs(process.argv.slice(2));
  // `npm run` runs in the package folder; a relative file name is the caller's.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  let screenshot = args.screenshot && resolve(cwd, args.screenshot);
  if (!screenshot && !process.env.DISPLAY) {
    screenshot = resolve(cwd, 'verbatim-demo.png');
    console.log(
      `No display ($DISPLAY is not set), so no browser window can open. Running headless ` +
        `instead and saving a screenshot to ${screenshot}.`,
    );
  }

  if (args.buildFirst) {
    step('Building the extension (wxt build → .output/chrome-mv3)');
    await build({ root: REPO });
  }

  step(`Starting Chromium (${process.env.CHROMIUM ?? '/usr/bin/chromium'}) with Verbatim loaded`);
  const ext = await launchExtension({
    headed: !screenshot,
    viewport: { width: 1280, height: 1100 },
  });
  const url = ext.serve(PAGE);
  console.log(`  extension id ${ext.extensionId}; serving the news report at ${url}`);

  const page = await ext.context.newPage();
  const article = new ArticlePage(page);
  step('Opening the news report and waiting for Verbatim to mark its quotes');
  await article.open(url);
  const marked = await article.markedQuotes();
  console.log(`  ${marked.length} quotes marked:`);
  for (const q of marked)
    console.log(`   • “${q.text.slice(0, 70)}${q.text.length > 70 ? '…' : ''}”`);

  if (!screenshot) {
    for (const p of ext.context.pages())
      if (p !== page && p.url() === 'about:blank') await p.close();
    step(
      'Chromium is open: hover a marked (dotted, underlined) quote, or Tab to one and press Enter.',
    );
    console.log('  Close the browser window (or press Ctrl+C) to end the demo.');
    await new Promise<void>(done => {
      ext.context.on('close', () => done());
      process.on('SIGINT', () => done());
    });
    await ext.close();
    return;
  }

  step(`Hovering “${QUOTE}…” and taking a screenshot`);
  const popover = await article.hoverQuote(QUOTE, { top: 120 });
  const speaker = (await popover.speaker.textContent())?.trim();
  const verdict = await popover.verdict.getAttribute('data-verdict');
  console.log(`  the popover says: ${speaker}; ${verdict}`);
  await page.screenshot({ path: screenshot });
  await ext.close();
  step(`Wrote ${screenshot}`);
}

main().catch(error => {
  console.error(`\nThe demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
