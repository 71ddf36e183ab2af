/**
 * A large, realistic corpus for benchmarks: press-conference transcripts and
 * briefs generated from the bundled ones, deterministic for a given seed.
 *
 * Realistic in the ways that matter to a matcher: speeches are made of the
 * same stock phrases, recombined (a word-trigram chain trained on the bundled
 * documents), so near-duplicate sentences are everywhere; about one sentence
 * in twelve is a bundled sentence reworded (another press conference the same
 * week reusing phrases) and as many again are look-alikes (a bundled sentence
 * with every fourth or fifth word replaced); no run of four words of a bundled document is copied
 * verbatim, so each bundled passage stays the one exact source; speakers, outlets, places and
 * numbers vary; and the vocabulary grows with the corpus as real ones do
 * (names and coined terms drawn from a Zipf-like distribution).
 */
import type { DocumentKind, SourceDocument } from '../lib/core/types';

/** Small, fast, seedable PRNG (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST =
  'Anna Boris Carla Dmitri Elena Farid Greta Hugo Ines Jonas Katya Lars Mira Nikos Olga Pavel Rosa Sven Tomas Ursula Viktor Wanda Yannis Zofia'.split(
    ' ',
  );
const LAST =
  'Andersen Berzins Costa Dimitrov Eriksen Fischer Gallo Horvat Ivanova Jansen Kowalski Lindqvist Moreau Novak Olsen Petrov Quinn Rossi Schmidt Tanaka Urban Virtanen Weber Zielinski'.split(
    ' ',
  );
const OUTLETS =
  'AFP|Reuters|Associated Press|BBC|Deutsche Welle|Le Monde|El País|Politico Europe|Financial Times|Ukrinform|TASS|Yle|NRK|Radio Free Europe|Bloomberg|Sky News|CNN|ZDF|RAI|Polskie Radio'.split(
    '|',
  );
const ROLES = [
  'NATO Secretary General',
  'NATO Deputy Secretary General',
  'Foreign Minister of Norway',
  'Minister of Defence of Poland',
  'EU High Representative',
  'US Secretary of State',
  'Prime Minister of Estonia',
  'NATO Spokesperson',
];
const PLACES =
  'Brussels|Vilnius|Riga|Tallinn|Warsaw|Bucharest|Sofia|Oslo|Helsinki|Stockholm|Madrid|Lisbon|Rome|Berlin|Paris|Tbilisi|Chisinau|Kyiv|Ankara|Athens'.split(
    '|',
  );
const SYLLABLES =
  'ka lo mi ren sa tor vel an dri os quin bar le ni um pra zet fol gu hes tam rik or pel'.split(
    ' ',
  );

/** Words of a text with the punctuation attached, as the chain's states. */
function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/** Sentences of a text (rough: generation only needs plausible units). */
function sentences(text: string): string[] {
  return text
    .split(/(?<=[.?!])\s+|\n+/)
    .map(s => s.trim())
    .filter(s => s.split(' ').length >= 5 && !/:$/.test(s));
}

interface Chain {
  next: Map<string, string[]>;
  starts: string[];
}

function train(texts: string[]): Chain {
  const next = new Map<string, string[]>();
  const starts: string[] = [];
  for (const text of texts) {
    for (const sentence of sentences(text)) {
      const w = words(sentence);
      if (w.length < 3) continue;
      starts.push(`${w[0]} ${w[1]}`);
      for (let i = 0; i + 2 < w.length; i++) {
        const key = `${w[i]} ${w[i + 1]}`;
        const list = next.get(key);
        if (list) list.push(w[i + 2]!);
        else next.set(key, [w[i + 2]!]);
      }
    }
  }
  return { next, starts };
}

export interface GenerateOptions {
  documents: number;
  /** Target size of each document in characters (documents vary ±50%). */
  averageChars?: number;
  seed?: number;
}

/**
 * Generate `documents` documents from the `seed` corpus (the bundled
 * documents). About one in five is a brief (no speaker labels), the rest
 * transcripts.
 */
export function generateCorpus(
  seedDocs: readonly SourceDocument[],
  options: GenerateOptions,
): SourceDocument[] {
  const rand = random(options.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const chain = train(seedDocs.map(d => d.text));
  const corpusSentences = seedDocs.flatMap(d => sentences(d.text));
  const averageChars = options.averageChars ?? 10_000;
  // A growing vocabulary of coined words (programme names, places, surnames), Zipf-distributed:
  // a 10 MB corpus ends up with tens of thousands of distinct words, as real ones do.
  const coined: string[] = [];
  const coin = (): string => {
    if (coined.length < 50 || rand() < 0.25) {
      const n = 2 + Math.floor(rand() * 3);
      let word = '';
      for (let i = 0; i < n; i++) word += pick(SYLLABLES);
      coined.push(word[0]!.toUpperCase() + word.slice(1));
      return coined[coined.length - 1]!;
    }
    return coined[Math.floor(coined.length * Math.pow(rand(), 2.5))]!;
  };
  // Verbatim runs of the seed corpus would make generated documents hold exact copies of the
  // originals' phrases, and the "right" source of a quote would be a coin toss. No run of
  // RUN words of a seed document survives: each is broken by an edit (near-duplicates, not copies).
  const RUN = 4;
  const norm = (w: string) => w.toLowerCase().replace(/[^\p{L}\p{N}']+/gu, '');
  const seedRuns = new Set<string>();
  for (const text of seedDocs.map(d => d.text)) {
    const w = words(text).map(norm).filter(Boolean);
    for (let i = 0; i + RUN <= w.length; i++) seedRuns.add(w.slice(i, i + RUN).join(' '));
  }
  const breakSeedRuns = (s: string): string => {
    const w = words(s);
    for (let i = 0; i + RUN <= w.length; i++) {
      if (
        !seedRuns.has(
          w
            .slice(i, i + RUN)
            .map(norm)
            .join(' '),
        )
      )
        continue;
      const k = i + 1 + Math.floor(rand() * (RUN - 1));
      const r = rand();
      if (r < 0.5) w[k] = coin();
      else if (r < 0.8) w.splice(k, 0, pick(['also', 'really', 'very', 'now', 'again', 'clearly']));
      else w[k] = pick(PLACES);
    }
    return w.join(' ');
  };

  const sentence = (): string => {
    const r = rand();
    const s =
      r < 1 / 12
        ? reword(pick(corpusSentences))
        : r < 1 / 6
          ? lookAlike(pick(corpusSentences))
          : chained();
    return breakSeedRuns(s);
  };

  /**
   * A corpus sentence with every fourth or fifth word replaced: the same
   * phrases in another speech, as press offices recycle them. Such sentences
   * share most of a quote's words with its true source, in the same order.
   */
  const lookAlike = (s: string): string => {
    const w = words(s);
    for (let i = 3 + Math.floor(rand() * 2); i < w.length; i += 4 + Math.floor(rand() * 2)) {
      w[i] = rand() < 0.5 ? coin().toLowerCase() : pick(chain.starts).split(' ')[0]!.toLowerCase();
    }
    return w.join(' ');
  };

  const chained = (): string => {
    let state = pick(chain.starts);
    const out = state.split(' ');
    for (let i = 0; i < 60; i++) {
      const options = chain.next.get(state);
      if (!options) break;
      const w = pick(options);
      out.push(w);
      if (/[.?!]$/.test(w) && out.length > 6) break;
      state = `${out[out.length - 2]} ${w}`;
    }
    // Sprinkle proper nouns and numbers so documents differ in their rare words.
    for (let i = 0; i < out.length; i++) {
      const r = rand();
      if (r < 0.05) out[i] = coin();
      else if (r < 0.06) out[i] = pick(PLACES);
      else if (r < 0.065) out[i] = String(Math.floor(rand() * 2000));
    }
    let s = out.join(' ');
    if (!/[.?!]$/.test(s)) s += '.';
    return s[0]!.toUpperCase() + s.slice(1);
  };

  /** A corpus sentence said again with small changes: the near-duplicates a matcher must tell apart. */
  const reword = (s: string): string => {
    const w = words(s);
    const edits = 1 + Math.floor(rand() * 3);
    for (let e = 0; e < edits; e++) {
      const i = Math.floor(rand() * w.length);
      const r = rand();
      if (r < 0.4) w[i] = pick(PLACES);
      else if (r < 0.7) w.splice(i, 1);
      else w.splice(i, 0, pick(['also', 'really', 'very', 'now', 'again', 'clearly']));
    }
    return w.join(' ');
  };

  const docs: SourceDocument[] = [];
  for (let d = 0; d < options.documents; d++) {
    const target = averageChars * (0.5 + rand());
    const kind: DocumentKind = rand() < 0.2 ? 'brief' : 'transcript';
    const host = `${pick(FIRST)} ${pick(LAST)}`;
    const role = pick(ROLES);
    const place = pick(PLACES);
    const date = `20${21 + Math.floor(rand() * 4)}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
    const parts: string[] = [];
    let size = 0;
    const add = (text: string) => {
      parts.push(text);
      size += text.length + 2;
    };
    if (kind === 'transcript') {
      add(`Press conference\n\nby ${role} ${host} in ${place}`);
      add(`(As delivered)`);
      while (size < target) {
        const paragraph = Array.from({ length: 2 + Math.floor(rand() * 4) }, sentence).join(' ');
        if (rand() < 0.25) {
          const journalist = `${pick(FIRST)} ${pick(LAST)}`;
          add(`${journalist} (${pick(OUTLETS)}): ${sentence()} ${sentence()}`);
          add(`${role}: ${paragraph}`);
        } else add(paragraph);
      }
    } else {
      add(`POLICY BRIEF\n\n${place.toUpperCase()} MEETING OF ${pick(ROLES).toUpperCase()}S`);
      while (size < target) {
        const r = rand();
        if (r < 0.3)
          add(`- ${role} ${host} stressed that ${sentence().replace(/^./, c => c.toLowerCase())}`);
        else if (r < 0.5)
          add(`- "${sentence().replace(/\.$/, '')}", ${pick(['he', 'she'])} stated.`);
        else add(`- ${sentence()} ${sentence()}`);
      }
    }
    docs.push({
      id: `generated-${String(d).padStart(4, '0')}`,
      title: `${kind === 'brief' ? 'Brief' : 'Press conference'} ${d}: ${role} in ${place}`,
      kind,
      date,
      publisher: kind === 'brief' ? 'Generated Assembly' : 'Generated Alliance',
      text: parts.join('\n\n'),
    });
  }
  return docs;
}
