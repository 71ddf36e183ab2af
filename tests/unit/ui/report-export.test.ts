import { describe, expect, it } from 'vitest';

import type { PageReport } from '../../../lib/messaging/protocol';
import { reportCsv, reportJson, reportMarkdown } from '../../../lib/ui/report-export';
import { quoteMatch } from '../../dom/content/match-fixture';

const report: PageReport = {
  url: 'https://news.example/a',
  title: 'Talks *begin*',
  checkedAt: '2026-01-15T10:00:00.000Z',
  quotes: [
    {
      id: 1,
      text: 'The risk of conflict is real',
      pageSpeaker: 'Blinken',
      match: quoteMatch(),
      misattributed: true,
    },
    { id: 2, text: '=HYPERLINK("x") is not in any document', match: null, misattributed: false },
  ],
};
const corpus = { documents: 2, version: 'rev-1' };

describe('report export', () => {
  it('writes the documented JSON shape', () => {
    expect(reportJson(report, corpus)).toEqual({
      url: 'https://news.example/a',
      title: 'Talks *begin*',
      checkedAt: '2026-01-15T10:00:00.000Z',
      corpus: { documents: 2, version: 'rev-1' },
      quotes: [
        {
          kind: 'quote',
          text: 'The risk of conflict is real',
          pageSpeaker: 'Blinken',
          verdict: 'verbatim',
          score: 1,
          ambiguous: false,
          misattributed: true,
          source: {
            document: 'nato-sg-press-conference-2022-01-07',
            title: expect.stringContaining('Press conference'),
            date: '2022-01-07',
            speaker: 'Jens Stoltenberg',
            role: 'NATO Secretary General',
            passage: 'The risk of conflict is real',
            start: 1000,
            end: 1028,
            kind: 'transcript',
            primary: true,
          },
          diff: quoteMatch().diff,
        },
        {
          kind: 'quote',
          text: '=HYPERLINK("x") is not in any document',
          pageSpeaker: null,
          verdict: null,
          score: null,
          ambiguous: false,
          misattributed: false,
          source: null,
          diff: [],
        },
      ],
    });
  });

  it('writes CSV a spreadsheet reads as text (quotes doubled, formulas defused)', () => {
    const lines = reportCsv(report, corpus).split('\r\n');
    expect(lines[0]).toMatch(/^"kind","text","pageSpeaker","verdict"/);
    expect(lines[2]).toMatch(/^"quote","'=HYPERLINK\(""x""\) is not in any document","","",""/);
    expect(lines).toHaveLength(4);
  });

  it('writes Markdown with the page’s words escaped', () => {
    const md = reportMarkdown(report, corpus);
    expect(md).toContain('# Quotes on “Talks \\*begin\\*”');
    expect(md).toContain('## 1. Other speaker');
    expect(md).toContain('- Source: Jens Stoltenberg, NATO Secretary General');
    expect(md).toContain('## 2. No source');
    expect(md).toContain('- Source: none in the corpus');
  });

  it('calls a source primary by what the passage is, not by the document’s kind', () => {
    const quotedInTranscript: PageReport = {
      ...report,
      quotes: [
        {
          id: 1,
          text: 'The risk of conflict is real',
          match: quoteMatch({ record: 'quoted' }),
          misattributed: false,
        },
        {
          id: 2,
          text: 'The risk of conflict is real',
          match: quoteMatch({ kind: 'brief', record: 'turn' }),
          misattributed: false,
        },
      ],
    };
    const json = reportJson(quotedInTranscript, corpus);
    expect(json.quotes.map(q => [q.source?.kind, q.source?.primary])).toEqual([
      ['transcript', false],
      ['brief', true],
    ]);
    const md = reportMarkdown(quotedInTranscript, corpus);
    expect(md).toContain('transcript (quoted speech)');
    expect(md).toContain('brief (primary record: speaker turn)');
  });

  it('lists an unmarked copy as kind "copy", among the quotes in reading order', () => {
    const withCopy: PageReport = {
      ...report,
      quotes: [
        report.quotes[0]!,
        {
          id: 5,
          kind: 'copy',
          text: 'The risk of conflict is real, and we must be prepared for it.',
          match: quoteMatch({ verdict: 'edited', score: 0.93 }),
          misattributed: false,
        },
      ],
    };
    const json = reportJson(withCopy, corpus);
    expect(json.quotes.map(q => q.kind)).toEqual(['quote', 'copy']);
    expect(json.quotes[1]).toMatchObject({
      kind: 'copy',
      pageSpeaker: null,
      verdict: 'edited',
      misattributed: false,
      source: { speaker: 'Jens Stoltenberg' },
    });
    expect(reportCsv(withCopy, corpus).split('\r\n')[2]).toMatch(/^"copy","The risk of conflict/);
    const md = reportMarkdown(withCopy, corpus);
    expect(md).toContain('## 2. Unmarked copy');
    expect(md).toContain('- Printed without quotation marks');
  });
});
