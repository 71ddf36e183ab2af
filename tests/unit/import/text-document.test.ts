import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import {
  documentFromText,
  guessDate,
  guessKind,
  guessTitle,
  markdownToText,
  pastedDocument,
  titleFromFileName,
} from '@/lib/import/text-document';

const FIXTURES = new URL('../../fixtures/import/', import.meta.url);

describe('documentFromText', () => {
  it('guesses title, date and kind of a transcript, and keeps its text', () => {
    const text = readFileSync(
      new URL('halvorsen-press-conference-2025-03-14.txt', FIXTURES),
      'utf8',
    );
    const doc = documentFromText(text, 'halvorsen-press-conference-2025-03-14.txt');
    expect(doc).toEqual({
      id: 'halvorsen-press-conference-2025-03-14',
      title:
        'Press conference by Minister of Coastal Affairs Ingrid Halvorsen on the new fishing quota agreement',
      kind: 'transcript',
      date: '2025-03-14',
      publisher: '',
      text,
    });
  });

  it('takes known metadata over guesses', () => {
    const doc = documentFromText('Some notes\n\nWritten on 3 May 2020.', 'notes.txt', {
      title: 'My notes',
      date: '2021-02-03',
      kind: 'article',
      publisher: 'Me',
      sourceUrl: 'https://example.org/notes',
    });
    expect(doc).toMatchObject({
      title: 'My notes',
      date: '2021-02-03',
      kind: 'article',
      publisher: 'Me',
      sourceUrl: 'https://example.org/notes',
    });
  });

  it('normalises Windows line endings and drops a byte-order mark', () => {
    expect(documentFromText('\uFEFFa\r\nb\rc', 'x.txt').text).toBe('a\nb\nc');
  });
});

describe('guessTitle', () => {
  it.each([
    ['Press conference\n\nby the Minister\n\nText.', 'Press conference by the Minister'],
    ['  Budget statement  \n\nThe budget is...', 'Budget statement'],
    ['Moderator:\nWelcome.', undefined],
    ['Jane Doe: Hello there.\n\nMore.', undefined],
    ['Line one\nline two\n\nby someone', 'Line one'],
    [`${'A very long first sentence. '.repeat(10)}`, undefined],
    // Site furniture first; the line naming the occasion is the title.
    [
      'An official website of the United States Government\nHere is how you know\n\nPentagon Press Secretary Conducts On-Camera Press Briefing\n\nMR. KIRBY: Good afternoon.',
      'Pentagon Press Secretary Conducts On-Camera Press Briefing',
    ],
    [
      'Speech\n\nPM press conference opening remarks: 25 May 2022\n\nText.',
      'PM press conference opening remarks: 25 May 2022',
    ],
    [
      'Home > Remarks\nForeign Ministry Spokesperson’s Regular Press Conference\n',
      'Foreign Ministry Spokesperson’s Regular Press Conference',
    ],
    // An official paper under its institution's masthead: the line naming the paper.
    [
      'MINISTRY OF FOREIGN AFFAIRS\n\nReadout of the Minister’s call with her Irish counterpart\n\n12 March 2024\n\nThe Minister spoke today with…',
      'Readout of the Minister’s call with her Irish counterpart',
    ],
    [
      'EUROPEAN COUNCIL\n\nJoint Statement of the EU-Canada Summit\n\nBrussels, 24 November 2023',
      'Joint Statement of the EU-Canada Summit',
    ],
    // `by …` completes the first line even when it names a meeting itself.
    [
      'Speech\n\nby the Secretary General after the meeting of Defence Ministers\n\nText.',
      'Speech by the Secretary General after the meeting of Defence Ministers',
    ],
  ])('%j → %j', (text, title) => {
    expect(guessTitle(text)).toBe(title);
  });
});

describe('guessDate', () => {
  it.each([
    ['Published 2022-01-07 at noon', '2022-01-07'],
    ['07 Jan. 2022 - Last updated', '2022-01-07'],
    ['Friday, 14th March 2025', '2025-03-14'],
    ['WASHINGTON, Sept. 3, 2024 — The', '2024-09-03'],
    ['March 14 2025 and 2020-01-01 later', '2025-03-14'],
    ['no date here, only 2022', undefined],
    ['32 January 2022', undefined],
  ])('%j → %j', (text, date) => {
    expect(guessDate(text)).toBe(date);
  });
});

describe('guessKind', () => {
  const base = { id: 'x', title: 'x', date: '', publisher: '', kind: 'other' as const };

  it('says transcript for labelled speaker turns', () => {
    const text =
      'Moderator: Welcome to the briefing.\n\nJane Doe (Daily News): A question on the budget.\n\nMinister John Smith: The budget is balanced.\n\nJane Doe (Daily News): Thank you.';
    expect(guessKind({ ...base, text })).toBe('transcript');
  });

  it('says other for running text', () => {
    const text = 'The council met on Monday. It agreed to repair the bridge: the work starts soon.';
    expect(guessKind({ ...base, text })).toBe('other');
  });

  it('says statement for one person’s speech without labels, named by its lead', () => {
    const text =
      'Speech\n\nMinister Jane Doe’s remarks at the harbour opening.\n\nThank you all for coming. I am proud of this harbour. We built it together, and I thank every worker.';
    expect(guessKind({ ...base, text })).toBe('statement');
  });

  it('says other for an article about a speech, in the third person', () => {
    const text =
      'Minister Jane Doe’s remarks at the harbour opening\n\nThe minister said she was proud of the harbour. Workers cheered. The opening took an hour.';
    expect(guessKind({ ...base, text })).toBe('other');
  });
});

describe('titleFromFileName', () => {
  it('turns a file name into a readable title', () => {
    expect(titleFromFileName('nato_press-conference.txt')).toBe('Nato press conference');
    expect(titleFromFileName('.txt')).toBe('Untitled document');
  });
});

describe('markdownToText', () => {
  const { text, meta } = markdownToText(
    readFileSync(new URL('lighthouse-statement.md', FIXTURES), 'utf8'),
  );

  it('reads the front matter', () => {
    expect(meta).toEqual({
      title: 'Statement on the lighthouse restoration',
      date: '2024-06-02',
      publisher: 'Northern Heritage Trust',
    });
  });

  it('keeps words and paragraphs, drops link targets, images, comments and emphasis marks', () => {
    expect(text).toBe(
      [
        'Statement on the lighthouse restoration',
        '',
        'The Northern Heritage Trust welcomes the decision to restore the Skarvik lighthouse.',
        'The work will begin in September and will be finished by the spring.',
        '',
        '- The lamp room will be rebuilt with the original glass.',
        '- Visitors will be able to climb the tower again from 2026.',
      ].join('\n'),
    );
  });

  it('takes the first heading as the title without front matter', () => {
    expect(markdownToText('Intro line\n\n## The real title\n\nBody').meta.title).toBe(
      'The real title',
    );
  });
});

describe('pastedDocument', () => {
  it('makes the id from the title the text announces', () => {
    const doc = pastedDocument(
      'Déclaration du maire: “Le pont” ?\n\nThe mayor spoke on 2 May 2024.',
    );
    expect(doc.id).toBe('pasted-text');
    const titled = pastedDocument('Statement by Mayor Lena Okafor\n\nThe bridge will reopen.');
    expect(titled).toMatchObject({
      id: 'statement-by-mayor-lena-okafor',
      title: 'Statement by Mayor Lena Okafor',
    });
    expect(pastedDocument('Réunion à Genève\n\nText.').id).toBe('reunion-a-geneve');
  });
});
