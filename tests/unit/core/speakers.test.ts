import { describe, expect, it } from 'vitest';

import {
  parseSpeakerLabel,
  roleKey,
  sameRole,
  SpeakerRegistry,
  splitNameRole,
  surnameOf,
} from '../../../lib/core/speakers';

describe('parseSpeakerLabel', () => {
  it.each([
    [
      'NATO Secretary General Jens Stoltenberg',
      { name: 'Jens Stoltenberg', role: 'NATO Secretary General' },
    ],
    ['NATO Secretary General', { role: 'NATO Secretary General' }],
    ['NATO Spokesperson Oana Lungescu', { name: 'Oana Lungescu', role: 'NATO Spokesperson' }],
    ['Max Delany (AFP)', { name: 'Max Delany', affiliation: 'AFP' }],
    [
      'James Marson (Wall Street Journal)',
      { name: 'James Marson', affiliation: 'Wall Street Journal' },
    ],
    ['Teri Schultz (NPR/CBS News)', { name: 'Teri Schultz', affiliation: 'NPR/CBS News' }],
    ['Elin Sørsdahl (TV2 Norway)', { name: 'Elin Sørsdahl', affiliation: 'TV2 Norway' }],
    [
      'Deputy Prime Minister of Ukraine Olga Stefanishyna',
      { name: 'Olga Stefanishyna', role: 'Deputy Prime Minister of Ukraine' },
    ],
    [
      'Minister for Foreign Affairs of Ukraine Dmytro Kuleba',
      { name: 'Dmytro Kuleba', role: 'Minister for Foreign Affairs of Ukraine' },
    ],
    ['President Niinistö', { name: 'Niinistö', role: 'President' }],
    ['Ursula von der Leyen', { name: 'Ursula von der Leyen' }],
    ['Mary Jane Smith', { name: 'Mary Jane Smith' }],
    [
      'Jens Stoltenberg, Secretary General of NATO',
      { name: 'Jens Stoltenberg', role: 'Secretary General of NATO' },
    ],
    [
      'Jens Stoltenberg (NATO Secretary General)',
      { name: 'Jens Stoltenberg', role: 'NATO Secretary General' },
    ],
    ['MODERATOR', { role: 'MODERATOR' }],
    [
      'NATO SECRETARY GENERAL JENS STOLTENBERG',
      { name: 'JENS STOLTENBERG', role: 'NATO SECRETARY GENERAL' },
    ],
    ['Mr. Stoltenberg', { name: 'Stoltenberg', gender: 'm' }],
  ])('reads %s', (label, expected) => {
    expect(parseSpeakerLabel(label)).toEqual(expected);
  });
});

describe('splitNameRole', () => {
  it('keeps a title-like surname in the name when the words before are no role', () => {
    expect(splitNameRole(['John', 'Major'])).toEqual({ name: 'John Major' });
  });

  it('does not take a plural group for a person', () => {
    expect(splitNameRole(['Foreign', 'Ministers']).name).toBeUndefined();
  });
});

describe('surnameOf', () => {
  it.each([
    ['Jens Stoltenberg', 'Stoltenberg'],
    ['Ursula von der Leyen', 'von der Leyen'],
    ['Niinistö', 'Niinistö'],
  ])('finds the surname of %s', (name, surname) => {
    expect(surnameOf(name)).toBe(surname);
  });
});

describe('roleKey', () => {
  it('reads the same position in both word orders', () => {
    expect(sameRole(roleKey('NATO Secretary General'), roleKey('Secretary General of NATO'))).toBe(
      true,
    );
    expect(roleKey('NATO Secretary General')).toEqual({
      core: 'secretary general',
      org: 'nato',
      coreText: 'Secretary General',
    });
  });

  it('matches a role without its organisation', () => {
    expect(sameRole(roleKey('Secretary General'), roleKey('NATO Secretary General'))).toBe(true);
  });

  it('tells different positions and organisations apart', () => {
    expect(sameRole(roleKey('NATO Spokesperson'), roleKey('NATO Secretary General'))).toBe(false);
    expect(sameRole(roleKey('UN Secretary General'), roleKey('NATO Secretary General'))).toBe(
      false,
    );
    expect(sameRole(roleKey('Prime Minister'), roleKey('Deputy Prime Minister of Ukraine'))).toBe(
      false,
    );
  });

  it('keeps connectors inside the position', () => {
    expect(roleKey('US Secretary of State').coreText).toBe('Secretary of State');
  });
});

describe('SpeakerRegistry', () => {
  it('resolves a bare role to the person who last held it', () => {
    const registry = new SpeakerRegistry();
    const a = registry.resolve({ name: 'Anna Berg', role: 'Moderator' }, 10);
    registry.resolve({ role: 'Moderator' }, 20);
    const b = registry.resolve({ name: 'Carl Dahl', role: 'Moderator' }, 30);
    expect(registry.resolve({ role: 'Moderator' }, 25)).toBe(a);
    expect(registry.resolve({ role: 'Moderator' }, 35)).toBe(b);
  });

  it('resolves a role to a person introduced later when none came before', () => {
    const registry = new SpeakerRegistry();
    const named = registry.resolve({ name: 'Anna Berg', role: 'Chair' }, 100);
    expect(registry.resolve({ role: 'Chair' }, 5)).toBe(named);
  });

  it('upgrades a person known by surname or role once the full name appears', () => {
    const registry = new SpeakerRegistry();
    const bySurname = registry.resolve({ name: 'Stoltenberg', gender: 'm' }, 0);
    expect(registry.resolve({ name: 'Jens Stoltenberg' }, 10)).toBe(bySurname);
    const byRole = registry.resolve({ role: 'Spokesperson' }, 20);
    expect(registry.resolve({ name: 'Oana Lungescu', role: 'NATO Spokesperson' }, 30)).toBe(byRole);
    expect(registry.entities.map(e => e.name)).toEqual(['Jens Stoltenberg', 'Oana Lungescu']);
  });

  it('does not create a person for an unknown role unless asked to', () => {
    const registry = new SpeakerRegistry();
    expect(registry.resolve({ role: 'Secretary General' }, 0, 'Secretary General', false)).toBe(-1);
    expect(registry.entities).toHaveLength(0);
  });

  it('applies user aliases to labels and names', () => {
    const registry = new SpeakerRegistry({
      'NATO Spokesperson:': 'Oana Lungescu',
      'Max D.': 'Max Delany',
    });
    const i = registry.resolve({ role: 'NATO Spokesperson' }, 0, 'NATO Spokesperson');
    expect(registry.entities[i]).toMatchObject({
      name: 'Oana Lungescu',
      role: 'NATO Spokesperson',
      named: true,
    });
    expect(registry.resolve({ name: 'Max D.' }, 5)).toBe(
      registry.resolve({ name: 'Max Delany' }, 6),
    );
  });

  it('exports derived aliases unless they are ambiguous', () => {
    const registry = new SpeakerRegistry();
    registry.resolve(
      { name: 'Anna Smith', role: 'NATO Spokesperson', gender: 'f' },
      0,
      'Anna Smith',
    );
    registry.resolve({ name: 'Bob Smith' }, 5, 'Bob Smith');
    const { speakers, aliases } = registry.export([0, 1]);
    expect(speakers).toEqual([
      { name: 'Anna Smith', role: 'NATO Spokesperson' },
      { name: 'Bob Smith' },
    ]);
    expect(aliases).toMatchObject({
      'Anna Smith': 0,
      'Bob Smith': 1,
      Spokesperson: 0,
      'Ms Smith': 0,
    });
    expect(aliases).not.toHaveProperty('Smith');
  });

  it('registers honorific forms the text uses', () => {
    const registry = new SpeakerRegistry();
    registry.resolve({ name: 'Jens Stoltenberg' }, 0);
    registry.noteHonorifics('Thank you, Mr. Stoltenberg.');
    const { aliases } = registry.export([0]);
    expect(aliases).toMatchObject({ 'Mr. Stoltenberg': 0, 'Mr Stoltenberg': 0, Stoltenberg: 0 });
    expect(aliases).not.toHaveProperty('Ms Stoltenberg');
  });
});
