import { describe, expect, it } from 'vitest';

import {
  findSpeakerLabels,
  labelVerdict,
  looksLikeTranscript,
} from '../../../lib/core/speaker-labels';

describe('labelVerdict', () => {
  it.each([
    'NATO Secretary General Jens Stoltenberg',
    'NATO Secretary General',
    'NATO Spokesperson',
    'Max Delany (AFP)',
    'Teri Schultz (NPR/CBS News)',
    'Elin Sørsdahl (TV2 Norway)',
    'Dmytro Shkurko (National News Agency of Ukraine)',
    'Ursula von der Leyen',
    'Jens Stoltenberg, Secretary General of NATO',
    'Moderator',
    'Q',
    'STOLTENBERG',
    'Speaker 2',
  ])('accepts %s', label => {
    expect(labelVerdict(label)).toBe('label');
  });

  it.each([
    'NATO remains committed to our dual-track approach to Russia',
    'Last updated',
    'And the Allies',
    'I. RUSSIA',
    'The question is',
    'So, in short',
    'We have three priorities (first of all)',
    'A very long run of Capitalised Words That Goes On And On Beyond Any Label',
  ])('rejects %s', candidate => {
    expect(labelVerdict(candidate)).toBe('no');
  });

  it('accepts a plain single word only if it recurs', () => {
    expect(labelVerdict('Finally')).toBe('no');
    expect(labelVerdict('Kuleba')).toBe('recurring');
  });
});

describe('findSpeakerLabels', () => {
  it('finds labels at the start of lines, with the turn after them', () => {
    const text = 'Anna Berg (Radio): Hello.\n\nMinister Carl Dahl: Hi.\nAnd more.\n';
    const labels = findSpeakerLabels(text);
    expect(
      labels.map(l => [
        l.text,
        text.slice(l.start, l.end),
        text.slice(l.bodyStart, l.bodyStart + 3),
      ]),
    ).toEqual([
      ['Anna Berg (Radio)', 'Anna Berg (Radio):', 'Hel'],
      ['Minister Carl Dahl', 'Minister Carl Dahl:', 'Hi.'],
    ]);
  });

  it('finds a label alone on its line, the turn starting on the next line', () => {
    const text = 'Chair:\nWe begin.';
    expect(findSpeakerLabels(text)).toEqual([
      { start: 0, end: 6, text: 'Chair', bodyStart: 7, form: 'colon' },
    ]);
  });

  it('does not take a sentence ending in a colon for a label', () => {
    const text =
      'NATO remains committed to our dual-track approach to Russia:\nstrong deterrence and defence.';
    expect(findSpeakerLabels(text)).toEqual([]);
  });

  it('does not take a capitalised heading before a lower-case line or a list for a label', () => {
    expect(findSpeakerLabels('Key Points:\nthe first is cost.')).toEqual([]);
    expect(findSpeakerLabels('Key Points:\n- cost\n- time')).toEqual([]);
  });

  it('ignores colons that are no label separators', () => {
    expect(findSpeakerLabels('Last updated: 07 Jan. 2022 21:37\nSee https://nato.int')).toEqual([]);
    expect(findSpeakerLabels('  • Last updated: 07 Jan. 2022')).toEqual([]);
  });

  it('keeps single-word labels that label several turns', () => {
    const text = 'Kuleba: One.\nBlinken: Two.\nKuleba: Three.\nFinally: four.';
    expect(findSpeakerLabels(text).map(l => l.text)).toEqual(['Kuleba', 'Kuleba']);
  });
});

describe('looksLikeTranscript', () => {
  it.each([
    ['Q: One?\nA: Yes.\nQ: Two?\nA: No.', true],
    ['Anna Berg: One.\nCarl Dahl: Two.\nEva Ek: Three.', true],
    // A stake-out or pasted excerpt: one turn of a named person or position.
    ['Remarks\n\nSecretary-General: The floods are a climate catastrophe.', true],
    ['MS. PSAKI: Hi, everyone.', true],
    ['No labels here, only prose.', false],
  ])('%j → %s', (text, transcript) => {
    expect(looksLikeTranscript(findSpeakerLabels(text))).toBe(transcript);
  });
});
