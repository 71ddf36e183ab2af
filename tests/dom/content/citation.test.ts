import { describe, expect, it } from 'vitest';

import { formatCitation } from '../../../lib/content/citation';
import { isSiteDisabled } from '../../../lib/content/sites';
import { Activity } from '../../../lib/content/activity';
import { createContentHandlers } from '../../../lib/content/content-handlers';
import { brief, quoteMatch } from './match-fixture';

describe('formatCitation', () => {
  it('quotes the source passage with speaker, document, publisher, date and address', () => {
    expect(formatCitation(quoteMatch({ passage: 'The risk of\nconflict is real' }))).toBe(
      '“The risk of conflict is real” — Jens Stoltenberg, NATO Secretary General. ' +
        'Press conference by NATO Secretary General Jens Stoltenberg following the extraordinary meeting of NATO Ministers of Foreign Affairs. ' +
        'NATO, 7 January 2022. https://www.nato.int/cps/en/natohq/opinions_190508.htm',
    );
  });

  it('leaves out what the source does not have', () => {
    expect(formatCitation(brief({ speaker: { name: 'Olga Stefanishyna' }, date: '' }))).toBe(
      '“the risk of conflict is real” — Olga Stefanishyna. NATO Foreign Ministers’ extraordinary online meeting: key takeaways. NATO Parliamentary Assembly.',
    );
  });
});

describe('isSiteDisabled', () => {
  it.each([
    ['example.com', ['example.com'], true],
    ['www.example.com', ['example.com'], true],
    ['news.example.com.', ['example.com'], true],
    ['notexample.com', ['example.com'], false],
    ['example.com', ['www.example.com'], false],
    ['127.0.0.1', ['127.0.0.1'], true],
    ['example.com', [], false],
  ])('%s with %j: %s', (host, sites, expected) => {
    expect(isSiteDisabled(host, sites)).toBe(expected);
  });
});

describe('createContentHandlers', () => {
  it('answers getPageStats, getActivity and corpusChanged from the page', async () => {
    let changed = 0;
    const stats = { host: 'a.example', found: 2, matched: 1, copies: 0, paused: false };
    let t = 10;
    const activity = new Activity('https://a.example/', () => t);
    const handlers = createContentHandlers(
      {
        corpusChanged: async () => void changed++,
        stats: () => stats,
        sourceSelection: async () => false,
        report: () => ({ url: 'https://a.example/', title: 'A', checkedAt: '', quotes: [] }),
        reveal: id => id === 1,
        step: direction => (direction === 'next' ? 2 : null),
      },
      () => activity.snapshot(),
    );
    expect(await handlers.getPageStats()).toEqual({ ok: true, value: stats });
    expect(await handlers.getActivity()).toMatchObject({
      ok: true,
      value: { startedAt: 10, firstScanAt: null, firstIdleAt: null, scans: 0, idles: 0 },
    });
    t = 20;
    activity.scan();
    t = 25;
    activity.drawn();
    t = 30;
    activity.idle();
    t = 40;
    activity.drawn();
    activity.idle();
    expect(await handlers.getActivity()).toEqual({
      ok: true,
      value: {
        url: 'https://a.example/',
        startedAt: 10,
        firstScanAt: 20,
        firstIdleAt: 30,
        firstDrawAt: 25,
        lastIdleAt: 40,
        scans: 1,
        idles: 2,
      },
    });
    expect(await handlers.corpusChanged()).toEqual({ ok: true, value: null });
    expect(changed).toBe(1);
    expect(await handlers.revealQuote({ id: 1 })).toEqual({ ok: true, value: true });
    expect(await handlers.revealQuote({ id: 9 })).toEqual({ ok: true, value: false });
    expect(await handlers.stepQuote({ direction: 'next' })).toEqual({ ok: true, value: 2 });
  });
});
