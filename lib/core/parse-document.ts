/**
 * Parsing a document: who speaks where, and its sentences.
 *
 * Speech (kind `transcript`, or any document with at least three speaker
 * labels, one of them used twice): each label's text up to the next label is
 * a turn of the labelled speaker (see `speaker-labels.ts` for what a label
 * is). The text before the first label belongs to the byline's speaker
 * (`by NATO Secretary General Jens Stoltenberg following ...`, else `... by
 * <person>` in the title), after the page header: leading paragraphs that
 * are page furniture (dates, `Last updated: ...`, `(As delivered)`), the
 * byline itself (neither is a segment), fragments of the title, or an
 * abstract naming the speaker in the third person (both are publisher
 * segments). A `statement`, or a transcript without labels, is its byline
 * speaker's whole.
 *
 * Running text (briefs, articles) belongs to its publisher except the words
 * it quotes or reports:
 * - a sentence whose subject is a person with a verb of saying (`Deputy Prime
 *   Minister of Ukraine Olga Stefanishyna thanked`, `He warned`) is that
 *   person's, and so are the following sentences of the same paragraph or
 *   list item that name nobody else (reported-speech continuation). A
 *   sentence that only attributes a quotation next to its verb (`"...", he
 *   stated`, `X said, "..."`) is the person's too, but starts no
 *   continuation: the quotation marks already delimit the words. A reported
 *   sentence ending in `:` hands its speaker on to the list items after it,
 *   up to the first that names a person or the first non-item;
 * - quoted words belong to the subject of a verb of saying in their sentence
 *   (`"...", the Secretary General stressed`, `"...", he stated`), else to the
 *   person their sentence names (`Mr Stoltenberg ...: "..."`), else to the
 *   speaker of the reported speech they stand in, else to the person last
 *   referred to. Quotations under three words need a name in their sentence
 *   (they are mostly scare quotes).
 * - `he`/`she` refer to the person last referred to whose gender (from an
 *   honorific or an earlier pronoun) does not contradict them; a role (`the
 *   Secretary General`) to its last holder; a surname or `Mr Surname` to the
 *   only person of that surname.
 *
 * Segments are the sentences of turns and of running text, minus furniture;
 * each takes the speaker who has most of its characters (the publisher when
 * attributed words are the lesser part).
 */
import { metaOf } from './corpus-file';
import { isAlnum, isLower, isMarkup, isSpace } from './char-class';
import { isFurniture } from './furniture';
import { findMentions, type Mention } from './person-mentions';
import { findQuotations, type Quotation } from './quotations';
import { splitBlocks, splitSentences, type Block } from './segment';
import { findSpeakerLabels, looksLikeTranscript, type SpeakerLabel } from './speaker-labels';
import {
  aliasKey,
  parseSpeakerLabel,
  SpeakerRegistry,
  surnameOf,
  type PersonParts,
} from './speakers';
import type { Attribution, ParsedDocument, Segment, SourceDocument, Span } from './types';

/** How many leading paragraphs may be page header (title, byline, dates, abstract). */
const HEADER_BLOCKS = 10;
/** Quotations shorter than this (in words) are attributed only to a speaker their own sentence names. */
const MIN_QUOTE_WORDS = 3;
/** How many recently referred-to people pronouns may reach back to. */
const RECENT_PEOPLE = 8;

/** A span of text said by one entity of the registry. */
interface EntitySpan extends Span {
  entity: number;
  label?: Span;
}

/** What a reading of the text yields, before entities become speakers. */
interface Reading {
  attributions: EntitySpan[];
  sentences: Span[];
}

/** A sentence of running text with the people it refers to. */
interface ProseSentence extends Span {
  /** Entity whose words the sentence reports (subject or continuation), -1 if none. */
  speaker: number;
  /** Entity that is the subject of a verb of saying in it, -1 if none. */
  subject: number;
  /** Entities the sentence names outside quotations (pronouns excluded), in order. */
  named: number[];
  /** The person last referred to before the sentence, -1 if none. */
  previous: number;
}

/**
 * Parse a document into speakers, attributions and sentences. Pure; time
 * linear in the length of the text. Every span indexes `doc.text`, which is
 * returned unchanged.
 */
export function parseDocument(doc: SourceDocument): ParsedDocument {
  const registry = new SpeakerRegistry(doc.aliases);
  const labels = findSpeakerLabels(doc.text);
  const turns = labels.length > 0 && (doc.kind === 'transcript' || looksLikeTranscript(labels));
  const speech = turns || doc.kind === 'transcript' || doc.kind === 'statement';
  const blocks = splitBlocks(doc.text);
  const reading = speech
    ? readSpeech(doc, turns ? labels : [], blocks, registry)
    : readProse(doc.text, blocks, registry);
  return assemble(doc, registry, reading, blocks, turns ? labels : []);
}

/** End of `text[from, to)` without its trailing whitespace. */
function trimEnd(text: string, from: number, to: number): number {
  while (to > from && isSpace(text[to - 1])) to--;
  return to;
}

function hasAlnum(text: string, span: Span): boolean {
  for (let i = span.start; i < span.end; i++) if (isAlnum(text[i])) return true;
  return false;
}

// ---------------------------------------------------------------------------
// Speech: transcripts and statements

/** A person named after `by` (`by NATO Secretary General Jens Stoltenberg following`). */
interface Byline {
  parts: PersonParts;
  written: string;
  start: number;
}

/** `by` opening a byline, and `by` anywhere in a title; `the` after it is skipped. */
const BYLINE_START_RE = /^\s*by\s+(?:the\s+)?/iu;
const BY_RE = /(?<!\p{L})by\s+(?:the\s+)?/giu;

/**
 * The person a byline names. With `anywhere`, `by` may stand anywhere in
 * `text[span]` (a title: `Press conference by ...`); else it must open it.
 */
function bylineOf(text: string, span: Span, anywhere: boolean): Byline | null {
  const part = text.slice(span.start, span.end);
  const starts: number[] = [];
  if (anywhere) for (const m of part.matchAll(BY_RE)) starts.push(m.index + m[0].length);
  else {
    const m = BYLINE_START_RE.exec(part);
    if (m) starts.push(m[0].length);
  }
  for (const at of starts) {
    const from = span.start + at;
    const mention = findMentions(text, from, span.end)[0];
    if (mention && mention.start === from && mention.kind !== 'pronoun') {
      return { parts: mention.parts, written: mention.written, start: mention.start };
    }
  }
  return null;
}

/** Whether a paragraph repeats (part of) the document's title. */
function isTitleFragment(paragraph: string, title: string): boolean {
  if (paragraph.length < 3 || paragraph.length > 300) return false;
  const key = aliasKey(paragraph);
  return key.length >= 3 && aliasKey(title).includes(key);
}

/** Whether a paragraph names the person (an abstract: `Press conference by Jens Stoltenberg, ...`). */
function namesPerson(paragraph: string, registry: SpeakerRegistry, entity: number): boolean {
  const e = registry.entities[entity];
  if (!e?.named) return false;
  return paragraph.includes(e.name) || paragraph.includes(surnameOf(e.name));
}

function readSpeech(
  doc: SourceDocument,
  labels: readonly SpeakerLabel[],
  allBlocks: readonly Block[],
  registry: SpeakerRegistry,
): Reading {
  const { text } = doc;
  const headerEnd = labels[0]?.start ?? text.length;
  // Paragraphs before the first label, cut at it (it may follow on the next line).
  const blocks = allBlocks
    .filter(b => b.start < headerEnd)
    .map(b => ({ ...b, end: trimEnd(text, b.start, Math.min(b.end, headerEnd)) }));

  // The opening speaker: the byline's, else the title's `by ...`.
  let opening = -1;
  let bylineBlock = -1;
  for (let b = 0; b < Math.min(blocks.length, HEADER_BLOCKS) && opening < 0; b++) {
    const byline = bylineOf(text, blocks[b]!, false);
    if (byline) {
      opening = registry.resolve(byline.parts, byline.start, byline.written);
      bylineBlock = b;
    }
  }
  if (opening < 0) {
    const byline = bylineOf(doc.title, { start: 0, end: doc.title.length }, true);
    if (byline) opening = registry.resolve(byline.parts, 0, byline.written);
  }

  // People the title and the page header name in full (`Press Briefing by
  // Press Secretary Jen Psaki`), so that a label by surname or role
  // (`MS. PSAKI:`, `SG:`) resolves to them.
  for (const span of [
    { text: doc.title, start: 0, end: doc.title.length, offset: -1 },
    ...blocks.slice(0, HEADER_BLOCKS).map(b => ({ text, start: b.start, end: b.end, offset: 0 })),
  ]) {
    for (const m of findMentions(span.text, span.start, span.end)) {
      if (m.kind !== 'person' || !m.parts.name || !/\s/u.test(m.parts.name)) continue;
      const i = registry.resolve(m.parts, span.offset < 0 ? 0 : m.start, m.written);
      if (opening < 0 && span.offset < 0) opening = i;
    }
  }

  // Named labels first, so that a bare role label can refer to a person
  // introduced later; then every label in order.
  const parsedLabels = new Map<string, PersonParts>(); // labels recur: parse each once
  const labelParts = labels.map(l => {
    let parts = parsedLabels.get(l.text);
    if (!parts) parsedLabels.set(l.text, (parts = parseSpeakerLabel(l.text)));
    return parts;
  });
  labels.forEach((l, k) => {
    if (labelParts[k]!.name !== undefined || registry.userAlias(l.text) !== undefined) {
      registry.resolve(labelParts[k]!, l.start, l.text);
    }
  });
  for (const e of registry.entities) e.lastPos = e.firstPos;
  const labelEntities = labels.map((l, k) => registry.resolve(labelParts[k]!, l.start, l.text));

  const attributions: EntitySpan[] = [];
  const sentences: Span[] = [];

  // The page header, then the opening statement.
  let b = 0;
  for (; b < blocks.length && b < HEADER_BLOCKS; b++) {
    const block = blocks[b]!;
    if (b === bylineBlock || isFurniture(text, block)) continue;
    const paragraph = text.slice(block.start, block.end);
    if (isTitleFragment(paragraph, doc.title) || namesPerson(paragraph, registry, opening)) {
      sentences.push(...splitSentences(text, block.start, block.end));
      continue;
    }
    break;
  }
  const openingBlocks = blocks.slice(b).filter(block => !isFurniture(text, block));
  if (openingBlocks.length > 0) {
    for (const block of openingBlocks)
      sentences.push(...splitSentences(text, block.start, block.end));
    if (opening >= 0) {
      attributions.push({
        start: openingBlocks[0]!.start,
        end: openingBlocks[openingBlocks.length - 1]!.end,
        entity: opening,
      });
    }
  }

  labels.forEach((l, k) => {
    const end = trimEnd(text, l.bodyStart, labels[k + 1]?.start ?? text.length);
    if (end <= l.bodyStart) return;
    attributions.push({
      start: l.bodyStart,
      end,
      entity: labelEntities[k]!,
      label: { start: l.start, end: l.end },
    });
    sentences.push(...splitSentences(text, l.bodyStart, end));
  });
  return { attributions, sentences };
}

// ---------------------------------------------------------------------------
// Running text: briefs and articles

/** Whether a paragraph is a heading: one sentence without final punctuation, in capitals or short. */
function isHeading(text: string, block: Block, sentences: readonly Span[]): boolean {
  if (block.bullet || sentences.length !== 1) return false;
  const s = sentences[0]!;
  if ('.?!:;,”"’)…'.includes(text[s.end - 1]!)) return false;
  let lower = false;
  let words = 1;
  for (let i = s.start; i < s.end; i++) {
    if (isLower(text[i])) lower = true;
    else if (isSpace(text[i])) words++;
  }
  return !lower || words <= 6;
}

/** Whether a paragraph is an author's byline (`By Jane Smith, Reuters`): not reported speech. */
function isAuthorLine(text: string, block: Block): boolean {
  const line = text.slice(block.start, block.end);
  return (
    /^by\s+\p{Lu}/iu.test(line) && line.length <= 80 && !line.includes('\n') && !line.endsWith('.')
  );
}

/** Whether a sentence ends with a colon (ignoring markup): it introduces what follows. */
function endsWithColon(text: string, s: Span): boolean {
  let i = s.end - 1;
  while (i > s.start && (isMarkup(text[i]) || isSpace(text[i]))) i--;
  return text[i] === ':';
}

function wordCount(text: string, span: Span): number {
  let count = 0;
  let inWord = false;
  for (let i = span.start; i < span.end; i++) {
    const alnum = isAlnum(text[i]);
    if (alnum && !inWord) count++;
    inWord = alnum;
  }
  return count;
}

/** The people referred to, most recent last. */
class Recent {
  readonly list: number[] = [];

  remember(entity: number): void {
    const at = this.list.lastIndexOf(entity);
    if (at >= 0) this.list.splice(at, 1);
    this.list.push(entity);
    if (this.list.length > RECENT_PEOPLE) this.list.shift();
  }

  get last(): number {
    return this.list[this.list.length - 1] ?? -1;
  }

  /** The person last referred to whose gender does not contradict the pronoun's. */
  pronoun(registry: SpeakerRegistry, gender: 'm' | 'f' | undefined): number {
    for (let k = this.list.length - 1; k >= 0; k--) {
      const e = registry.entities[this.list[k]!]!;
      if (!gender || !e.gender || e.gender === gender) {
        if (gender && !e.gender) e.gender = gender;
        return this.list[k]!;
      }
    }
    return -1;
  }
}

/** The entity a mention refers to, registering new people; -1 if it refers to nobody known. */
function resolveMention(m: Mention, registry: SpeakerRegistry, recent: Recent): number {
  switch (m.kind) {
    case 'pronoun':
      return recent.pronoun(registry, m.parts.gender);
    case 'person':
      return registry.resolve(m.parts, m.start, m.written);
    case 'role':
      return registry.resolve(m.parts, m.start, m.written, m.subject);
    case 'name': {
      const name = m.parts.name ?? '';
      const oneWord = !/\s/u.test(name);
      const known =
        registry.userAlias(m.written) !== undefined ||
        registry.userAlias(name) !== undefined ||
        registry.findByName(name) >= 0 ||
        (oneWord && registry.findBySurname(name) >= 0);
      // An unknown single word doing the saying is a place or body (`Moscow warned`).
      if (!known && (oneWord || !(m.subject || m.parts.role !== undefined))) return -1;
      return registry.resolve(m.parts, m.start, m.written);
    }
  }
}

/** Whether only spaces, punctuation and markup stand in `text[from, to)`. */
function onlyPunctuation(text: string, from: number, to: number): boolean {
  if (to < from || to - from > 6) return false;
  for (let i = from; i < to; i++) if (isAlnum(text[i])) return false;
  return true;
}

/**
 * Whether a speaker reference and its verb attribute a quotation right next
 * to them (`"...", he stated`, `said X, "..."`, `X said: "..."`): direct
 * speech, not reported speech.
 */
function introducesQuotation(text: string, m: Mention, quotes: readonly Quotation[]): boolean {
  if (!m.verb) return false;
  const first = Math.min(m.start, m.verb.start);
  const last = Math.max(m.end, m.verb.end);
  return quotes.some(
    q => onlyPunctuation(text, q.close, first) || onlyPunctuation(text, last, q.open),
  );
}

/**
 * Who says the words of a quotation, given the sentences it stands in (the
 * frame); -1 for nobody.
 */
function quoteSpeaker(text: string, q: Quotation, frame: readonly ProseSentence[]): number {
  if (frame.length === 0) return -1;
  const long = wordCount(text, q) >= MIN_QUOTE_WORDS;
  // The attribution usually follows the quotation: look at its last sentence first.
  for (const s of [...frame].reverse()) if (s.subject >= 0) return s.subject;
  for (const s of frame) if (long && s.named.length > 0) return s.named[0]!;
  if (frame[0]!.speaker >= 0) return frame[0]!.speaker;
  return long ? frame[0]!.previous : -1;
}

function readProse(text: string, blocks: readonly Block[], registry: SpeakerRegistry): Reading {
  const recent = new Recent();
  const reported: EntitySpan[] = [];
  const quoted: EntitySpan[] = [];
  const sentences: Span[] = [];
  let listSpeaker = -1;

  blocks.forEach((block, b) => {
    if (isFurniture(text, block) || (b < HEADER_BLOCKS && isAuthorLine(text, block))) return;
    const quotes = findQuotations(text, block.start, block.end);
    const spans = splitSentences(text, block.start, block.end);
    const heading = isHeading(text, block, spans);
    let chain = block.bullet ? listSpeaker : -1;
    if (!block.bullet) listSpeaker = -1;
    let namesSomeone = false;
    const read: ProseSentence[] = [];

    for (const span of spans) {
      const mentions = findMentions(text, span.start, span.end, quotes);
      const previous = recent.last;
      let subject = -1;
      let direct = false;
      const named: number[] = [];
      for (const m of mentions) {
        const e = resolveMention(m, registry, recent);
        if (e < 0) continue;
        if (m.subject && subject < 0) {
          subject = e;
          direct = introducesQuotation(text, m, quotes);
        }
        if (m.kind !== 'pronoun') named.push(e);
        recent.remember(e);
      }
      let speaker: number;
      if (heading) speaker = chain = -1;
      else if (subject >= 0) {
        speaker = subject;
        // Reported speech continues; a quotation's attribution (`"...", she said`) does not.
        chain = direct ? -1 : subject;
      } else if (named.some(e => e !== chain)) speaker = chain = -1;
      else speaker = chain;
      if (named.length > 0) namesSomeone = true;
      read.push({ start: span.start, end: span.end, speaker, subject, named, previous });
    }

    if (namesSomeone) listSpeaker = -1;
    const last = read[read.length - 1];
    if (last && last.speaker >= 0 && endsWithColon(text, last)) listSpeaker = last.speaker;

    let first = 0;
    for (const q of quotes) {
      while (first < read.length && read[first]!.end <= q.open) first++;
      let last = first;
      while (last < read.length && read[last]!.start < q.close) last++;
      const entity = quoteSpeaker(text, q, read.slice(first, last));
      if (entity >= 0) quoted.push({ start: q.start, end: q.end, entity });
    }
    for (let k = 0; k < read.length;) {
      const s = read[k]!;
      let e = k;
      while (e + 1 < read.length && read[e + 1]!.speaker === s.speaker) e++;
      if (s.speaker >= 0) reported.push({ start: s.start, end: read[e]!.end, entity: s.speaker });
      k = e + 1;
    }
    for (const span of spans) sentences.push(span);
  });

  return { attributions: overlay(text, reported, quoted), sentences };
}

/**
 * Attributions from reported speech overlaid with quotations: a quotation
 * of another speaker cuts a reported stretch; one of the same speaker merges
 * into it. Both inputs are sorted and free of overlaps, and so is the result.
 */
function overlay(
  text: string,
  under: readonly EntitySpan[],
  over: readonly EntitySpan[],
): EntitySpan[] {
  const all = new Float64Array(2 * (under.length + over.length));
  let n = 0;
  for (const list of [under, over]) {
    for (const s of list) {
      all[n++] = s.start;
      all[n++] = s.end;
    }
  }
  all.sort();
  const points: number[] = [];
  for (const p of all) if (points[points.length - 1] !== p) points.push(p);
  const out: EntitySpan[] = [];
  let u = 0;
  let o = 0;
  for (let k = 0; k + 1 < points.length; k++) {
    const start = points[k]!;
    const end = points[k + 1]!;
    while (u < under.length && under[u]!.end <= start) u++;
    while (o < over.length && over[o]!.end <= start) o++;
    const top =
      over[o] && over[o]!.start <= start
        ? over[o]
        : under[u] && under[u]!.start <= start
          ? under[u]
          : undefined;
    if (!top) continue;
    const prev = out[out.length - 1];
    if (prev && prev.entity === top.entity && prev.end === start) prev.end = end;
    else out.push({ start, end, entity: top.entity });
  }
  return out
    .map(s => {
      let start = s.start;
      while (start < s.end && isSpace(text[start])) start++;
      return { ...s, start, end: trimEnd(text, start, s.end) };
    })
    .filter(s => hasAlnum(text, s));
}

// ---------------------------------------------------------------------------
// Assembly

/** The speaker of most of `s` among the attributions from index `a` on; null for the publisher. */
function mostOf(s: Span, attributions: readonly Attribution[], a: number): number | null {
  const shares = new Map<number, number>();
  for (let k = a; k < attributions.length && attributions[k]!.start < s.end; k++) {
    const at = attributions[k]!;
    const overlap = Math.min(at.end, s.end) - Math.max(at.start, s.start);
    if (overlap > 0) shares.set(at.speaker, (shares.get(at.speaker) ?? 0) + overlap);
  }
  let speaker: number | null = null;
  let best = 0;
  let attributed = 0;
  for (const [index, share] of shares) {
    attributed += share;
    if (share > best) {
      best = share;
      speaker = index;
    }
  }
  return best >= s.end - s.start - attributed ? speaker : null;
}

function assemble(
  doc: SourceDocument,
  registry: SpeakerRegistry,
  reading: Reading,
  blocks: readonly Block[],
  labels: readonly SpeakerLabel[],
): ParsedDocument {
  const { text } = doc;
  const attributionsIn = [...reading.attributions].sort((a, b) => a.start - b.start);
  const order = new Map<number, number>();
  for (const a of attributionsIn) if (!order.has(a.entity)) order.set(a.entity, order.size);
  registry.noteHonorifics(text);
  const { speakers, aliases } = registry.export([...order.keys()]);

  const attributions: Attribution[] = attributionsIn.map(a => ({
    start: a.start,
    end: a.end,
    speaker: order.get(a.entity)!,
    ...(a.label ? { label: a.label } : {}),
  }));

  const sentences = [...reading.sentences].sort((a, b) => a.start - b.start);
  const segments: Segment[] = [];
  let a = 0;
  let block = 0;
  let label = -1;
  let paragraph = -1;
  let lastKey = '';
  for (const s of sentences) {
    while (block + 1 < blocks.length && blocks[block]!.end <= s.start) block++;
    while (label + 1 < labels.length && labels[label + 1]!.start <= s.start) label++;
    const key = `${block}:${label}`;
    if (key !== lastKey) {
      paragraph++;
      lastKey = key;
    }

    // The speaker with most of the sentence's characters, or the publisher.
    while (a < attributions.length && attributions[a]!.end <= s.start) a++;
    let speaker: number | null = null;
    const first = attributions[a];
    if (first && first.start < s.end) {
      const next = attributions[a + 1];
      if (!next || next.start >= s.end) {
        // One attribution overlaps the sentence (the usual case).
        const overlap = Math.min(first.end, s.end) - Math.max(first.start, s.start);
        if (overlap >= s.end - s.start - overlap) speaker = first.speaker;
      } else {
        speaker = mostOf(s, attributions, a);
      }
    }
    segments.push({ start: s.start, end: s.end, paragraph, speaker });
  }

  return { meta: metaOf(doc), text, speakers, aliases, attributions, segments };
}
