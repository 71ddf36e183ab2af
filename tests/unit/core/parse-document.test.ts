import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { parseDocument } from '../../../lib/core/parse-document';
import type { DocumentKind, ParsedDocument, SourceDocument } from '../../../lib/core/types';

const CORPUS = new URL('../../../assets/corpus/', import.meta.url);
const FIXTURES = new URL('../../fixtures/', import.meta.url);

type ManifestEntry = Omit<SourceDocument, 'text'>;

function bundled(id: string): SourceDocument {
  const manifest = JSON.parse(readFileSync(new URL('manifest.json', CORPUS), 'utf8')) as {
    documents: ManifestEntry[];
  };
  const meta = manifest.documents.find(d => d.id === id)!;
  return { ...meta, text: readFileSync(new URL(`${id}.txt`, CORPUS), 'utf8') };
}

function doc(
  text: string,
  kind: DocumentKind,
  extra: Partial<SourceDocument> = {},
): SourceDocument {
  return { id: 'test', title: 'Test', kind, date: '2023', publisher: 'Publisher', text, ...extra };
}

const TRANSCRIPT = bundled('nato-sg-press-conference-2022-01-07');
const BRIEF = bundled('nato-pa-policy-brief-2022-01-07');
const transcript = parseDocument(TRANSCRIPT);
const brief = parseDocument(BRIEF);

/** Name of the speaker of the attribution covering `offset`, or null for the publisher. */
function speakerAt(parsed: ParsedDocument, offset: number): string | null {
  const a = parsed.attributions.find(x => x.start <= offset && offset < x.end);
  return a ? parsed.speakers[a.speaker]!.name : null;
}

/** Speaker of the passage (first occurrence), by attribution and by segment. */
function speakerOf(
  parsed: ParsedDocument,
  passage: string,
): { attribution: string | null; segment: string | null } {
  const at = parsed.text.indexOf(passage);
  if (at < 0) throw new Error(`not in the text: ${passage}`);
  const segment = parsed.segments.find(s => s.start <= at && at < s.end);
  if (!segment) throw new Error(`in no segment: ${passage}`);
  return {
    attribution: speakerAt(parsed, at),
    segment: segment.speaker === null ? null : parsed.speakers[segment.speaker]!.name,
  };
}

function segmentTexts(parsed: ParsedDocument): string[] {
  return parsed.segments.map(s => parsed.text.slice(s.start, s.end));
}

function checkInvariants(parsed: ParsedDocument, source: SourceDocument): void {
  expect(parsed.text).toBe(source.text);
  let end = 0;
  for (const s of parsed.segments) {
    expect(s.start).toBeGreaterThanOrEqual(end);
    expect(s.end).toBeGreaterThan(s.start);
    expect(parsed.text[s.start]).not.toMatch(/\s/);
    expect(parsed.text[s.end - 1]).not.toMatch(/\s/);
    end = s.end;
  }
  end = 0;
  for (const a of parsed.attributions) {
    expect(a.start).toBeGreaterThanOrEqual(end);
    expect(a.end).toBeGreaterThan(a.start);
    expect(parsed.speakers[a.speaker]).toBeDefined();
    if (a.label) expect(a.label.end).toBeLessThanOrEqual(a.start);
    end = a.end;
  }
  for (const a of parsed.attributions) {
    if (!a.label) continue;
    for (const s of parsed.segments)
      expect(s.end <= a.label.start || s.start >= a.label.end).toBe(true);
  }
  let paragraph = -1;
  for (const s of parsed.segments) {
    expect(s.paragraph === paragraph || s.paragraph === paragraph + 1).toBe(true);
    paragraph = s.paragraph;
  }
  for (const index of Object.values(parsed.aliases)) expect(parsed.speakers[index]).toBeDefined();
}

describe('parseDocument on the bundled transcript', () => {
  it('keeps the invariants of a parsed document', () => {
    checkInvariants(transcript, TRANSCRIPT);
    expect(transcript.meta).toEqual({
      id: TRANSCRIPT.id,
      title: TRANSCRIPT.title,
      kind: 'transcript',
      date: '2022-01-07',
      publisher: 'NATO',
      sourceUrl: TRANSCRIPT.sourceUrl,
    });
  });

  it('finds every speaker, with name, role and affiliation apart', () => {
    expect(transcript.speakers).toEqual([
      { name: 'Jens Stoltenberg', role: 'NATO Secretary General' },
      { name: 'Oana Lungescu', role: 'NATO Spokesperson' },
      { name: 'Max Delany', affiliation: 'AFP' },
      { name: 'James Marson', affiliation: 'Wall Street Journal' },
      { name: 'Dmytro Shkurko', affiliation: 'National News Agency of Ukraine' },
      { name: 'Florian Neuhann', affiliation: 'ZDF' },
      { name: 'Ketevan Kardava', affiliation: 'Imedi News' },
      { name: 'Elin Sørsdahl', affiliation: 'TV2 Norway' },
      { name: 'Greg Palkot', affiliation: 'FOX News' },
      { name: 'Adam Parsons', affiliation: 'Sky News' },
      { name: 'Teri Schultz', affiliation: 'NPR/CBS News' },
    ]);
  });

  it('attributes every labelled turn to its speaker', () => {
    const turns = transcript.attributions
      .filter(a => a.label)
      .map(a => [
        transcript.text.slice(a.label!.start, a.label!.end),
        transcript.speakers[a.speaker]!.name,
      ]);
    const names: Record<string, string> = {
      'NATO Secretary General Jens Stoltenberg:': 'Jens Stoltenberg',
      'NATO Secretary General:': 'Jens Stoltenberg',
      'NATO Spokesperson Oana Lungescu:': 'Oana Lungescu',
      'NATO Spokesperson:': 'Oana Lungescu',
    };
    const labels = [...TRANSCRIPT.text.matchAll(/^([^\n:]{3,60}):(?=\s)/gmu)]
      .map(m => `${m[1]}:`)
      .filter(l => !l.includes('Last updated') && !l.includes('approach to Russia'));
    expect(turns).toHaveLength(29);
    expect(turns.map(([label]) => label)).toEqual(labels);
    for (const [label, name] of turns) {
      expect(name).toBe(names[label!] ?? label!.replace(/ \(.*$/u, ''));
    }
  });

  it.each([
    ['Good afternoon.', 'Jens Stoltenberg'],
    ['With that, I am ready to take your questions.', 'Jens Stoltenberg'],
    ['And we will take questions both here in the room', 'Oana Lungescu'],
    ['Several points on the NATO-Russia-Council.', 'Max Delany'],
    ['This is… these are principles which are enshrined in documents', 'Jens Stoltenberg'],
    ["Okay, we'll go to Wall Street Journal.", 'Oana Lungescu'],
    ['How do you prepare for a failure of diplomacy?', 'Elin Sørsdahl'],
    ["doesn't talking to Russia now, next week, encourage their behaviour?", 'Greg Palkot'],
    [
      'NATO Allies and NATO are following the situation in Kazakhstan very closely.',
      'Jens Stoltenberg',
    ],
    ['This concludes this press conference.', 'Oana Lungescu'],
  ])('attributes “%s” to %s', (passage, name) => {
    expect(speakerOf(transcript, passage)).toEqual({ attribution: name, segment: name });
  });

  it('reads the label alone on its line, the turn starting on the next line', () => {
    const label = transcript.text.indexOf('NATO Secretary General:\nNATO Allies');
    const turn = transcript.attributions.find(a => a.label?.start === label)!;
    expect(transcript.text.slice(turn.label!.start, turn.label!.end)).toBe(
      'NATO Secretary General:',
    );
    expect(transcript.text.slice(turn.start, turn.start + 11)).toBe('NATO Allies');
    expect(transcript.speakers[turn.speaker]!.name).toBe('Jens Stoltenberg');
  });

  it('keeps labels out of segments and turns', () => {
    for (const s of segmentTexts(transcript)) {
      expect(s).not.toMatch(/^(?:NATO Spokesperson|NATO Secretary General|Max Delany \(AFP\)):/u);
    }
    for (const a of transcript.attributions) {
      expect(transcript.text.slice(a.start, a.end)).not.toMatch(
        /^NATO (?:Spokesperson|Secretary General)/u,
      );
    }
  });

  it('does not take a sentence ending in a colon for a label', () => {
    expect(segmentTexts(transcript)).toContain(
      'NATO remains committed to our dual-track approach to Russia:\nstrong deterrence and defence, combined with meaningful dialogue.',
    );
  });

  it('gives the opening statement to the byline speaker, without a label', () => {
    const opening = transcript.attributions[0]!;
    expect(opening.label).toBeUndefined();
    expect(transcript.text.slice(opening.start, opening.start + 15)).toBe('Good afternoon.');
    expect(transcript.speakers[opening.speaker]!.name).toBe('Jens Stoltenberg');
    expect(transcript.text.slice(opening.end - 45, opening.end)).toBe(
      'With that, I am ready to take your questions.',
    );
  });

  it('leaves page furniture and the byline out of segments', () => {
    const texts = segmentTexts(transcript);
    for (const furniture of [
      '07 Jan. 2022',
      'Last updated',
      '(As delivered)',
      'by NATO Secretary General',
    ]) {
      expect(texts.some(t => t.includes(furniture))).toBe(false);
    }
  });

  it('keeps the title and the abstract as publisher text', () => {
    expect(segmentTexts(transcript).slice(0, 2)).toEqual([
      'Press conference',
      'Press conference by Jens Stoltenberg, Secretary General of NATO following the Ministers of Foreign Affairs NAC meeting.',
    ]);
    expect(transcript.segments.slice(0, 2).map(s => s.speaker)).toEqual([null, null]);
  });

  it('gives sentences of one paragraph one paragraph number', () => {
    const [a, b] = ['Good afternoon.', 'We have just concluded'].map(p =>
      transcript.segments.find(s => transcript.text.startsWith(p, s.start)),
    );
    const c = transcript.segments.find(s =>
      transcript.text.startsWith('Allies addressed', s.start),
    );
    expect(a!.paragraph).toBe(b!.paragraph);
    expect(c!.paragraph).toBe(a!.paragraph + 1);
  });

  it.each([
    ['NATO Secretary General Jens Stoltenberg', 'Jens Stoltenberg'],
    ['NATO Secretary General', 'Jens Stoltenberg'],
    ['Secretary General', 'Jens Stoltenberg'],
    ['Jens Stoltenberg', 'Jens Stoltenberg'],
    ['Stoltenberg', 'Jens Stoltenberg'],
    ['Mr Stoltenberg', 'Jens Stoltenberg'],
    ['Mr. Stoltenberg', 'Jens Stoltenberg'],
    ['NATO Spokesperson Oana Lungescu', 'Oana Lungescu'],
    ['NATO Spokesperson', 'Oana Lungescu'],
    ['Spokesperson', 'Oana Lungescu'],
    ['Max Delany (AFP)', 'Max Delany'],
    ['Sørsdahl', 'Elin Sørsdahl'],
  ])('resolves the alias %s to %s', (alias, name) => {
    expect(transcript.speakers[transcript.aliases[alias]!]?.name).toBe(name);
  });
});

describe('parseDocument on the bundled brief', () => {
  it('keeps the invariants of a parsed document', () => {
    checkInvariants(brief, BRIEF);
  });

  it('finds the people it quotes and reports', () => {
    expect(brief.speakers).toEqual([
      { name: 'Jens Stoltenberg', role: 'NATO Secretary General' },
      { name: 'Olga Stefanishyna', role: 'Deputy Prime Minister of Ukraine' },
    ]);
  });

  it.each([
    [
      "Russia's aggressive actions seriously undermine the security order in Europe",
      'Jens Stoltenberg',
    ],
    ['the risk of conflict is real', 'Jens Stoltenberg'],
    ['We cannot end\n\nup in a situation', 'Jens Stoltenberg'],
    ['increasing the threshold for Russia to use force against Ukraine', 'Jens Stoltenberg'],
    [
      'any further aggression against Ukraine would have significant consequences',
      'Jens Stoltenberg',
    ],
    [
      'The whole idea that Ukraine is a threat to Russia is to put the whole thing upside down',
      'Jens Stoltenberg',
    ],
    [
      'are an opportunity for Russia to demonstrate that it is serious about dialogue',
      'Jens Stoltenberg',
    ],
    ['all countries, regardless of their size', 'Jens Stoltenberg'],
  ])('attributes the quotation “%s” to %s', (passage, name) => {
    expect(speakerOf(brief, passage).attribution).toBe(name);
  });

  it.each([
    [
      'NATO Secretary General Jens Stoltenberg regretted that despite repeated calls',
      'Jens Stoltenberg',
    ],
    ['Its build-up continues and', 'Jens Stoltenberg'],
    ['He warned that in light of the capabilities being deployed', 'Jens Stoltenberg'],
    ["The NATO Secretary General made clear that **Allies' priority", 'Jens Stoltenberg'],
    ['The NATO Secretary General **firmly rejected', 'Jens Stoltenberg'],
    ['Mr Stoltenberg made clear that even if Ukraine', 'Jens Stoltenberg'],
    ['He also reaffirmed the Bucharest Summit decisions', 'Jens Stoltenberg'],
    ['Deputy Prime Minister of Ukraine Olga Stefanishyna thanked Allies', 'Olga Stefanishyna'],
    ['Ukraine’s sovereign rights were not negotiable', 'Olga Stefanishyna'],
    ['She condemned Russia’s latest escalation', 'Olga Stefanishyna'],
    ['Ukraine was committed to dialogue and diplomacy', 'Olga Stefanishyna'],
    ['It was also committed to democratic transformation', 'Olga Stefanishyna'],
    ['Dialogue must be based on the core principles of European security.', 'Jens Stoltenberg'],
  ])('attributes the reported speech “%s” to %s', (passage, name) => {
    expect(speakerOf(brief, passage)).toEqual({ attribution: name, segment: name });
  });

  it('gives the sentence without a full stop its own segment', () => {
    expect(segmentTexts(brief)).toContain('Ukraine’s sovereign rights were not negotiable');
  });

  it.each([
    'NATO PARLIAMENTARY ASSEMBLY',
    "Ministers discussed **Russia's unprovoked",
    'This is the second surge in 2021.',
    'Russia must not misunderstand or miscalculate',
    'The **NATO-Ukraine Commission is meeting on Monday 10 January**.',
    'The NATO Secretary General will attend the EU Defence Ministerial Meeting',
    'NATO Ministers discussed the then-ongoing violent unrest',
    'C. SUPPORTING UKRAINE',
  ])('leaves the narrative “%s” to the publisher', passage => {
    expect(speakerOf(brief, passage)).toEqual({ attribution: null, segment: null });
  });

  it('leaves the brief’s furniture out of segments', () => {
    const texts = segmentTexts(brief);
    expect(texts).not.toContain('7 January 2022');
    expect(texts.some(t => t.includes('Original: English'))).toBe(false);
  });

  it.each([
    ['NATO Secretary General Jens Stoltenberg', 0],
    ['NATO Secretary General', 0],
    ['Secretary General', 0],
    ['Mr Stoltenberg', 0],
    ['Stoltenberg', 0],
    ['Deputy Prime Minister of Ukraine Olga Stefanishyna', 1],
    ['Olga Stefanishyna', 1],
    ['Stefanishyna', 1],
  ])('lists the alias %s', (alias, index) => {
    expect(brief.aliases[alias]).toBe(index);
  });
});

describe('parseDocument on the development set', () => {
  interface Row {
    id: string;
    expect: { document: string; speaker: string; passage: string } | null;
  }
  const rows = readFileSync(new URL('dev.jsonl', FIXTURES), 'utf8')
    .split('\n')
    .filter(line => line.trim())
    .map(line => JSON.parse(line) as Row);
  const parsed: Record<string, ParsedDocument> = { [TRANSCRIPT.id]: transcript, [BRIEF.id]: brief };
  const found = rows.filter(
    r => r.expect && parsed[r.expect.document]?.text.includes(r.expect.passage),
  );

  it('finds most expected passages verbatim', () => {
    expect(found.length).toBeGreaterThanOrEqual(15);
  });

  it.each(found.map(r => [r.id, r.expect!.speaker, r.expect!] as const))(
    '%s: attributes the passage to %s',
    (_id, speaker, expected) => {
      const result = speakerOf(parsed[expected.document]!, expected.passage);
      expect(result).toEqual({ attribution: speaker, segment: speaker });
    },
  );
});

describe('parseDocument with user aliases', () => {
  const unnamed = TRANSCRIPT.text.replace('NATO Spokesperson Oana Lungescu:', 'NATO Spokesperson:');

  it('keeps the bare label as the name when no name is known', () => {
    const parsed = parseDocument({ ...TRANSCRIPT, text: unnamed });
    expect(speakerOf(parsed, 'This concludes this press conference.').attribution).toBe(
      'NATO Spokesperson',
    );
    expect(parsed.speakers[1]).toEqual({ name: 'NATO Spokesperson', role: 'NATO Spokesperson' });
  });

  it('names the speaker of a labelled role after the user alias', () => {
    const parsed = parseDocument({
      ...TRANSCRIPT,
      text: unnamed,
      aliases: { 'NATO Spokesperson': 'Oana Lungescu' },
    });
    expect(speakerOf(parsed, 'This concludes this press conference.').attribution).toBe(
      'Oana Lungescu',
    );
    expect(speakerOf(parsed, 'And we will take questions both here').attribution).toBe(
      'Oana Lungescu',
    );
    expect(parsed.speakers.find(s => s.name === 'Oana Lungescu')).toEqual({
      name: 'Oana Lungescu',
      role: 'NATO Spokesperson',
    });
    expect(parsed.speakers.some(s => s.name === 'NATO Spokesperson')).toBe(false);
    expect(parsed.speakers[parsed.aliases['NATO Spokesperson']!]!.name).toBe('Oana Lungescu');
  });

  it('overrides what the parser found', () => {
    const parsed = parseDocument({
      ...TRANSCRIPT,
      aliases: { 'Max Delany (AFP)': 'Maxime Delany' },
    });
    expect(speakerOf(parsed, 'Several points on the NATO-Russia-Council.').attribution).toBe(
      'Maxime Delany',
    );
    expect(parsed.speakers.find(s => s.name === 'Maxime Delany')?.affiliation).toBe('AFP');
  });

  it('applies to names in running text', () => {
    const parsed = parseDocument({
      ...BRIEF,
      aliases: { 'Olga Stefanishyna': 'Olha Stefanishyna' },
    });
    expect(speakerOf(parsed, 'Ukraine’s sovereign rights were not negotiable').attribution).toBe(
      'Olha Stefanishyna',
    );
  });
});

describe('parseDocument on another event', () => {
  const FORUM = [
    'Remarks by Foreign Minister Maria Keller at the Nordic Energy Forum',
    '',
    'Oslo, 3 March 2023',
    '',
    '(Check against delivery)',
    '',
    'Thank you, and welcome to Oslo.',
    'Energy security is national security.',
    '',
    'Lars Øvergaard (Aftenposten): Minister, will prices fall this winter? Thank you.',
    '',
    'Foreign Minister Maria Keller: I will not forecast prices. But storage is at 95 per cent.',
    '',
    'Lars Øvergaard (Aftenposten): And the pipeline?',
    '',
    'Foreign Minister:',
    'We expect it to reopen in May.',
    'Thank you all.',
  ].join('\n');
  const source = doc(FORUM, 'transcript', {
    title: 'Remarks by Foreign Minister Maria Keller at the Nordic Energy Forum',
  });
  const parsed = parseDocument(source);

  it('keeps the invariants of a parsed document', () => {
    checkInvariants(parsed, source);
  });

  it('finds both speakers, one with an outlet, one with a role', () => {
    expect(parsed.speakers).toEqual([
      { name: 'Maria Keller', role: 'Foreign Minister' },
      { name: 'Lars Øvergaard', affiliation: 'Aftenposten' },
    ]);
  });

  it.each([
    ['Thank you, and welcome to Oslo.', 'Maria Keller'],
    ['Energy security is national security.', 'Maria Keller'],
    ['Minister, will prices fall this winter?', 'Lars Øvergaard'],
    ['I will not forecast prices.', 'Maria Keller'],
    ['And the pipeline?', 'Lars Øvergaard'],
    ['We expect it to reopen in May.', 'Maria Keller'],
  ])('attributes “%s” to %s', (passage, name) => {
    expect(speakerOf(parsed, passage)).toEqual({ attribution: name, segment: name });
  });

  it('reads the title line as publisher text and the dateline as furniture', () => {
    expect(speakerOf(parsed, 'Remarks by Foreign Minister').segment).toBeNull();
    expect(
      segmentTexts(parsed).some(t => t.includes('Oslo, 3 March') || t.includes('Check against')),
    ).toBe(false);
  });

  it('resolves the role-only label and the surname', () => {
    expect(parsed.aliases['Foreign Minister']).toBe(0);
    expect(parsed.aliases['Keller']).toBe(0);
    expect(parsed.aliases['Lars Øvergaard (Aftenposten)']).toBe(1);
  });

  it('detects the turns of a document whose kind is not transcript', () => {
    const other = parseDocument({ ...source, kind: 'other' });
    expect(speakerOf(other, 'And the pipeline?').attribution).toBe('Lars Øvergaard');
  });

  it('reads an opening statement that runs into the first label without a blank line', () => {
    const text = 'Statement by Chancellor Olaf Berg\n\nGood morning.\nReporter Eva Ek: A question.';
    const parsed = parseDocument(
      doc(text, 'transcript', { title: 'Statement by Chancellor Olaf Berg' }),
    );
    expect(speakerOf(parsed, 'Good morning.').attribution).toBe('Olaf Berg');
    expect(speakerOf(parsed, 'A question.').attribution).toBe('Eva Ek');
  });

  it('gives a role label met before the named one to the person named later', () => {
    const text = 'Chair: Welcome.\n\nEva Ek (Radio): A question.\n\nChair Anna Berg: An answer.';
    const early = parseDocument(doc(text, 'transcript'));
    expect(speakerOf(early, 'Welcome.').attribution).toBe('Anna Berg');
  });

  it('merges two labels the user says are one person', () => {
    const text = 'MODERATOR: Welcome.\n\nEva Ek (Radio): A question.\n\nAnna Berg: An answer.';
    const merged = parseDocument(doc(text, 'transcript', { aliases: { MODERATOR: 'Anna Berg' } }));
    expect(speakerOf(merged, 'Welcome.').attribution).toBe('Anna Berg');
    expect(merged.attributions[0]!.speaker).toBe(merged.attributions[2]!.speaker);
  });
});

describe('parseDocument with shortened roles as labels', () => {
  const names = (text: string) => {
    const parsed = parseDocument(doc(text, 'transcript'));
    return parsed.attributions.map(a => parsed.speakers[a.speaker]!.name);
  };

  it('gives “The Minister:” to the only minister introduced in full', () => {
    expect(
      names(
        'Minister of Coastal Affairs Ingrid Halvorsen: Good morning to you all.\n\nTomas Reyes (Harbour Daily): Will it work?\n\nThe Minister: It will work.\n',
      ),
    ).toEqual(['Ingrid Halvorsen', 'Tomas Reyes', 'Ingrid Halvorsen']);
  });

  it('gives it to nobody when two ministers could be meant', () => {
    expect(
      names(
        'Minister of Coastal Affairs Ingrid Halvorsen: Good morning to you all.\n\nMinister of Finance Per Olsen: Good day.\n\nThe Minister: Who speaks now?\n',
      ),
    ).toEqual(['Ingrid Halvorsen', 'Per Olsen', 'Minister']);
  });
});

describe('parseDocument on running text', () => {
  it('attributes a quotation to the person its sentence names after it', () => {
    const parsed = parseDocument(
      doc(
        '“Prices will fall,” said Energy Minister Maria Keller. The market disagreed.',
        'article',
      ),
    );
    expect(speakerOf(parsed, 'Prices will fall')).toEqual({
      attribution: 'Maria Keller',
      segment: 'Maria Keller',
    });
    expect(speakerOf(parsed, 'The market disagreed.').attribution).toBeNull();
  });

  it('stops reported-speech continuation at a sentence naming another person', () => {
    const text =
      'Minister Maria Keller warned that prices would rise. Storage was low. Chancellor Olaf Berg announced a subsidy. It would start in May.';
    const parsed = parseDocument(doc(text, 'article'));
    expect(speakerOf(parsed, 'Storage was low.').attribution).toBe('Maria Keller');
    expect(speakerOf(parsed, 'It would start in May.').attribution).toBe('Olaf Berg');
  });

  it('does not continue reported speech into the next paragraph', () => {
    const text = 'Minister Maria Keller warned that prices would rise.\n\nStorage was low.';
    expect(
      speakerOf(parseDocument(doc(text, 'article')), 'Storage was low.').attribution,
    ).toBeNull();
  });

  it('leaves a scare quote without a speaker in its sentence to the publisher', () => {
    const text = 'Minister Maria Keller spoke.\n\nThe so-called “deal” was signed.';
    expect(speakerOf(parseDocument(doc(text, 'article')), 'deal').attribution).toBeNull();
  });

  it('resolves he and she by gender once it is known', () => {
    const text =
      'Ms Keller spoke to Mr Berg. “We agree,” she said. Later, “we differ on prices,” he added.';
    const parsed = parseDocument(doc(text, 'article'));
    expect(speakerOf(parsed, 'We agree').attribution).toBe('Keller');
    expect(speakerOf(parsed, 'we differ on prices').attribution).toBe('Berg');
  });

  it('does not take a place or body doing the saying for a person', () => {
    const parsed = parseDocument(
      doc('Moscow warned that talks would fail. The Kremlin said so too.', 'article'),
    );
    expect(parsed.speakers).toEqual([]);
    expect(parsed.attributions).toEqual([]);
  });

  it('gives a statement to its byline speaker', () => {
    const text = 'Statement\n\nby Chancellor Olaf Berg\n\nWe stand with our partners. We will act.';
    const parsed = parseDocument(doc(text, 'statement'));
    expect(speakerOf(parsed, 'We will act.')).toEqual({
      attribution: 'Olaf Berg',
      segment: 'Olaf Berg',
    });
    expect(parsed.speakers).toEqual([{ name: 'Olaf Berg', role: 'Chancellor' }]);
  });
});

describe('parseDocument on unusual input', () => {
  it('reads Windows line ends', () => {
    const text =
      'Press briefing\r\n\r\nModerator: Welcome.\r\n\r\nAnna Berg (Radio): A question?\r\n\r\nModerator:\r\nAn answer. Another one.\r\n';
    const parsed = parseDocument(doc(text, 'transcript', { title: 'Press briefing' }));
    checkInvariants(parsed, doc(text, 'transcript'));
    expect(segmentTexts(parsed)).toEqual([
      'Press briefing',
      'Welcome.',
      'A question?',
      'An answer.',
      'Another one.',
    ]);
    expect(speakerOf(parsed, 'Another one.').attribution).toBe('Moderator');
    expect(speakerOf(parsed, 'A question?').attribution).toBe('Anna Berg');
  });

  it('returns an empty reading for an empty text', () => {
    for (const kind of ['transcript', 'article'] as const) {
      const parsed = parseDocument(doc('', kind));
      expect([parsed.speakers, parsed.attributions, parsed.segments]).toEqual([[], [], []]);
    }
  });
});

describe('parseDocument on hostile input', () => {
  it('returns well-formed spans on pathological input', () => {
    const text = [
      'A: '.repeat(20_000),
      'Word:\n'.repeat(20_000),
      '“'.repeat(20_000),
      'Mr. '.repeat(20_000),
      'The Secretary General Of The Secretary General '.repeat(5_000),
      '.'.repeat(50_000),
    ].join('\n\n');
    // A parser that backtracked would not return within the test's time-out.
    for (const kind of ['transcript', 'brief'] as const) {
      const parsed = parseDocument(doc(text, kind));
      for (const s of parsed.segments) expect(s.end).toBeLessThanOrEqual(text.length);
      expect(parsed.attributions.every(a => a.start < a.end)).toBe(true);
    }
  });
});
