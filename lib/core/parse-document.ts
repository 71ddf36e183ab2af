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
import { isAlnum, isLower, isMarkup, isSpace, wordsBetween } from './char-class';
import { metaOf } from './corpus-file';
import { fullNameIn, lowerSameLength } from './full-names';
import { isFurniture, isFurnitureLine } from './furniture';
import {
  outletIntroduced,
  selfIntroduction,
  speakerNamedIn,
  speaksInFirstPerson,
} from './opening-speaker';
import { findMentions, type Mention } from './person-mentions';
import { findQuotations, type Quotation } from './quotations';
import { singleNamePeople } from './single-names';
import { splitBlocks, splitSentences, type Block } from './segment';
import { findSpeakerLabels, looksLikeTranscript, type SpeakerLabel } from './speaker-labels';
import {
  aliasKey,
  isInitial,
  isInitials,
  isNameWord,
  NAME_PARTICLES,
  parseSpeakerLabel,
  SpeakerRegistry,
  splitNameRole,
  surnameOf,
  wordsOf,
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
  const blocks = splitBlocks(doc.text);
  const speech =
    turns ||
    doc.kind === 'transcript' ||
    doc.kind === 'statement' ||
    (doc.kind === 'other' && isMonologue(doc, blocks));
  const reading = speech
    ? readSpeech(doc, turns ? labels : [], blocks, registry)
    : readProse(doc.text, blocks, registry);
  return assemble(doc, registry, reading, blocks, turns ? labels : []);
}

/**
 * Whether a document without labels is one person's speech: its title or one
 * of its first lines names who speaks (`Statement by President von der
 * Leyen`, `… noon briefing by Stéphane Dujarric`), and it speaks in the
 * first person outside quotations. Else it is running text about them.
 */
export function isMonologue(doc: SourceDocument, blocks: readonly Block[]): boolean {
  const { text } = doc;
  if (!speaksInFirstPerson(text, { start: 0, end: text.length })) return false;
  if (speakerNamedIn(doc.title, { start: 0, end: doc.title.length })) return true;
  for (const line of linesOf(text, blocks.slice(0, HEADER_LINES), text.length).slice(
    0,
    HEADER_LINES,
  )) {
    if (bylineOf(text, line, false) || speakerNamedIn(text, line)) return true;
  }
  return false;
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

/** A line of the text before the first label, trimmed. */
interface Line extends Span {
  /** Index of the paragraph (block) it belongs to. */
  block: number;
}

/** The non-blank lines of `blocks`, trimmed, up to `end`. */
function linesOf(text: string, blocks: readonly Block[], end: number): Line[] {
  const lines: Line[] = [];
  blocks.forEach((block, b) => {
    for (let s = block.start; s < Math.min(block.end, end);) {
      let e = text.indexOf('\n', s);
      if (e < 0 || e > block.end) e = block.end;
      e = Math.min(e, end);
      let from = s;
      while (from < e && isSpace(text[from])) from++;
      const to = trimEnd(text, from, e);
      if (to > from) lines.push({ start: from, end: to, block: b });
      s = e + 1;
    }
  });
  return lines;
}

/** Whether a line reads as speech rather than a heading: it ends as a sentence does, or is long. */
function isSpeechLine(text: string, line: Span): boolean {
  if (/[.?!…,;:"”’)\-—–]$/u.test(text.slice(line.end - 1, line.end))) return true;
  return wordsBetween(text, line.start, line.end) >= SPEECH_LINE_WORDS;
}

/** A heading between turns: one short line of its own paragraph that does not end as a sentence. */
function isHeadingBlock(text: string, block: Block): boolean {
  if (block.end - block.start > MAX_HEADING_CHARS) return false;
  const lineEnd = text.indexOf('\n', block.start);
  if (lineEnd >= 0 && lineEnd < block.end) return false;
  return !'.?!…,;:"”’-—–'.includes(text[block.end - 1]!);
}

/** Role labels that stand for many people (`Q:`, `REPORTER:`, `AUDIENCE MEMBER:`): no one name fits them all. */
const MANY_PEOPLE =
  /^(?:question|questioner|q|reporter|journalist|audience(?: member)?|participant|caller|voice|unidentified\b.*|member|speaker \d+|male|female|man|woman)$/iu;

/** How many header lines are read for a byline, a title or a lead naming the speaker. */
const HEADER_LINES = 30;
/** Words of a line long enough to be speech without a final full stop. */
const SPEECH_LINE_WORDS = 10;
/** Longest heading between turns (`Senate Leader Remarks, 9/29/2022`, `11:50 a.m.`). */
const MAX_HEADING_CHARS = 100;

function readSpeech(
  doc: SourceDocument,
  labels: readonly SpeakerLabel[],
  allBlocks: readonly Block[],
  registry: SpeakerRegistry,
): Reading {
  const { text } = doc;
  const headerEnd = labels[0]?.start ?? text.length;
  const lines = linesOf(
    text,
    allBlocks.filter(b => b.start < headerEnd),
    headerEnd,
  );
  const header = lines.slice(0, HEADER_LINES);

  // The opening speaker: a byline (`by …` opening a line), else the person a
  // line of the header or the title names as speaking (`Statement by …`,
  // `… Johnson’s opening remarks`), with where they were named (-1: the title).
  let opening = -1;
  let namedAt = -1;
  let bylineLine = -1;
  for (let k = 0; k < header.length && opening < 0; k++) {
    const byline = bylineOf(text, header[k]!, false);
    if (byline) {
      opening = registry.resolve(byline.parts, byline.start, byline.written);
      namedAt = bylineLine = k;
    }
  }
  if (opening < 0) {
    const m = speakerNamedIn(doc.title, { start: 0, end: doc.title.length });
    if (m) opening = registry.resolve(m.parts, 0, m.written);
  }
  for (let k = 0; k < header.length && opening < 0; k++) {
    const m = speakerNamedIn(text, header[k]!);
    if (m) {
      opening = registry.resolve(m.parts, m.start, m.written);
      namedAt = k;
    }
  }

  // People the title and the page header name in full (`Press Briefing by
  // Press Secretary Jen Psaki`, `Jen Psaki` on its own line), so that a label
  // by surname or role (`MS. PSAKI:`, `SG:`) resolves to them.
  for (const span of [
    { text: doc.title, start: 0, end: doc.title.length, offset: -1 },
    ...header.map(l => ({ text, start: l.start, end: l.end, offset: 0 })),
  ]) {
    for (const m of findMentions(span.text, span.start, span.end)) {
      if (m.kind === 'pronoun' || m.kind === 'role' || !m.parts.name) continue;
      if (!/\s/u.test(m.parts.name)) continue;
      if (m.kind === 'name' && !isPersonName(m.parts.name)) continue;
      registry.resolve(m.parts, span.offset < 0 ? 0 : m.start, m.written);
    }
  }

  // Named labels first, so that a bare role label can refer to a person
  // introduced later; then every label in order.
  const parsedLabels = new Map<string, PersonParts>(); // labels recur: parse each once
  const labelParts = labels.map(l => {
    if (l.parts) return l.parts;
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
  // A speaker known by surname only takes the full name the text gives elsewhere.
  let lower: string | undefined;
  for (const i of new Set([...labelEntities, opening])) {
    const e = registry.entities[i];
    if (!e?.named || isInitials(e.name) || registry.userAlias(e.name) !== undefined) continue;
    // A surname alone, or after an initial (`A. Suvorova` → Alexandra Suvorova).
    const words = wordsOf(e.name);
    const initial = words.length === 2 && isInitial(words[0]!) ? words[0]![0]! : '';
    if (words.length > 1 && !initial) continue;
    const full = fullNameIn(text, words[words.length - 1]!, (lower ??= lowerSameLength(text)));
    if (!full || registry.findByName(full) >= 0) continue;
    if (!initial || full.startsWith(initial)) registry.rename(i, full);
  }

  // A role label whose speaker introduces themselves (`HOST: … I'm Neal Conan.`)
  // takes that name; a questioner who names their outlet (`Raza from the
  // Hindustan Times`) takes it as affiliation. The first turn of each says so.
  const seen = new Set<number>();
  labels.forEach((l, k) => {
    const i = labelEntities[k]!;
    if (i < 0 || seen.has(i)) return;
    seen.add(i);
    const e = registry.entities[i]!;
    const turn = { start: l.bodyStart, end: labels[k + 1]?.start ?? text.length };
    if (!e.named && !MANY_PEOPLE.test(e.role ?? e.name)) {
      const intro = selfIntroduction(text, {
        start: turn.start,
        end: Math.min(turn.end, turn.start + 300),
      });
      if (intro && registry.findByName(intro) < 0) registry.rename(i, intro);
    } else if (!e.affiliation && !e.role) {
      const outlet = outletIntroduced(text, turn, e.name);
      if (outlet) e.affiliation = outlet;
    }
  });

  const attributions: EntitySpan[] = [];
  const sentences: Span[] = [];

  // Sentences run over the lines of a paragraph (`… to Russia:\nstrong deterrence …`).
  let run: Line | null = null;
  const endRun = () => {
    if (run) sentences.push(...splitSentences(text, run.start, run.end));
    run = null;
  };
  const addLine = (line: Line) => {
    if (run && run.block === line.block) run.end = line.end;
    else {
      endRun();
      run = { ...line };
    }
  };

  // The page header (publisher text or furniture), then the opening statement.
  let k = 0;
  let afterTitle = false;
  for (; k < lines.length && k < HEADER_LINES; k++) {
    const line = lines[k]!;
    const content = text.slice(line.start, line.end);
    if (isFurnitureLine(content)) {
      afterTitle = false;
      endRun();
      continue;
    }
    if (k === bylineLine) {
      endRun();
      continue;
    }
    const title = isTitleFragment(content, doc.title);
    const continues: boolean = afterTitle && isLower(content[0]);
    if (
      title ||
      continues ||
      k <= namedAt ||
      namesPerson(content, registry, opening) ||
      !isSpeechLine(text, line) ||
      (opening < 0 && selfIntroduction(text, line) === null)
    ) {
      afterTitle = title || continues;
      addLine(line);
      continue;
    }
    break;
  }
  endRun();
  // From the first line of speech to the first label: the opening speaker's,
  // or from a self-introduction on (`Hey, I'm Kelly McEvers.`) the person's.
  let speaker = opening;
  let from = -1;
  const flush = (to: number) => {
    if (speaker >= 0 && from >= 0 && to > from)
      attributions.push({ start: from, end: to, entity: speaker });
  };
  for (; k < lines.length; k++) {
    const line = lines[k]!;
    if (isFurnitureLine(text.slice(line.start, line.end))) {
      endRun();
      continue;
    }
    const intro = selfIntroduction(text, line);
    if (intro) {
      const i = registry.resolve(splitNameRole(wordsOf(intro), false), line.start, intro);
      if (i !== speaker) {
        flush(lines[k - 1]?.end ?? line.start);
        speaker = i;
        from = line.start;
      }
    }
    if (from < 0) from = line.start;
    addLine(line);
    if (k + 1 === lines.length) flush(line.end);
  }
  endRun();

  let firstBlock = 0;
  labels.forEach((l, k) => {
    let end = trimEnd(text, l.bodyStart, labels[k + 1]?.start ?? text.length);
    // Headings between turns (`Senate Leader Remarks, 9/29/2022`, `11:50 a.m.`, `NDP`) are nobody's.
    const next = labels[k + 1]?.start ?? text.length;
    while (firstBlock < allBlocks.length && allBlocks[firstBlock]!.start < l.bodyStart)
      firstBlock++;
    let lastBlock = firstBlock;
    while (lastBlock < allBlocks.length && allBlocks[lastBlock]!.start < next) lastBlock++;
    const blocks = allBlocks.slice(firstBlock, lastBlock);
    let last = blocks.length - 1;
    while (last > 0 && (isHeadingBlock(text, blocks[last]!) || isFurniture(text, blocks[last]!)))
      last--;
    if (last >= 0 && last < blocks.length - 1) {
      for (const block of blocks.slice(last + 1))
        if (!isFurniture(text, block))
          sentences.push(...splitSentences(text, block.start, block.end));
      end = blocks[last]!.end;
    }
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

/** Whether a bare name from a header line reads as a person's: two to four words, none an organisation's. */
function isPersonName(name: string): boolean {
  const words = wordsOf(name);
  return (
    words.length >= 2 &&
    words.length <= 4 &&
    words.every(w => isNameWord(w) || isInitial(w) || NAME_PARTICLES.has(w))
  );
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

/** Whether a paragraph opens with a quotation mark. */
function opensQuotation(text: string, block: Block): boolean {
  return '“"«„‘'.includes(text[block.start] ?? '~');
}

/** Whether a paragraph ends with a closing quotation mark (after its final punctuation). */
function closesQuotation(text: string, block: Block): boolean {
  return /[”"»’]\W*$/u.test(text.slice(Math.max(block.start, block.end - 4), block.end));
}

/** Whether a sentence ends with a colon (ignoring markup): it introduces what follows. */
function endsWithColon(text: string, s: Span): boolean {
  let i = s.end - 1;
  while (i > s.start && (isMarkup(text[i]) || isSpace(text[i]))) i--;
  return text[i] === ':';
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

  /**
   * The person last referred to whose gender does not contradict the
   * pronoun's; with `known`, the last one known to have it, if any.
   */
  pronoun(registry: SpeakerRegistry, gender: 'm' | 'f' | undefined, known = false): number {
    if (known && gender) {
      for (let k = this.list.length - 1; k >= 0; k--)
        if (registry.entities[this.list[k]!]!.gender === gender) return this.list[k]!;
    }
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
function resolveMention(
  text: string,
  m: Mention,
  registry: SpeakerRegistry,
  recent: Recent,
  people: ReadonlySet<string>,
): number {
  switch (m.kind) {
    case 'pronoun': {
      // `he tells her`: two people in the clause; the one known to be of the pronoun's gender.
      const object = m.verb && /^\s+(?:her|him)\b/u.exec(text.slice(m.verb.end, m.verb.end + 5));
      return recent.pronoun(registry, m.parts.gender, object !== null && object !== undefined);
    }
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
        (oneWord && (registry.findBySurname(name) >= 0 || people.has(name)));
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
  const long = wordsBetween(text, q.start, q.end) >= MIN_QUOTE_WORDS;
  // The attribution usually follows the quotation: look at its last sentence first.
  for (const s of [...frame].reverse()) if (s.subject >= 0) return s.subject;
  for (const s of frame) if (long && s.named.length > 0) return s.named[0]!;
  if (frame[0]!.speaker >= 0) return frame[0]!.speaker;
  return long ? frame[0]!.previous : -1;
}

function readProse(text: string, blocks: readonly Block[], registry: SpeakerRegistry): Reading {
  const recent = new Recent();
  const people = singleNamePeople(text);
  const reported: EntitySpan[] = [];
  const quoted: EntitySpan[] = [];
  const sentences: Span[] = [];
  let listSpeaker = -1;
  // A statement read out in quotation marks over several paragraphs (`X read
  // the following statement:` + `“…`): its speaker, until a paragraph closes it.
  let statement = -1;
  // A paragraph that opens a quotation it does not close, continued in the next.
  let continued: Span | null = null;

  blocks.forEach((block, b) => {
    if (isFurniture(text, block) || (b < HEADER_BLOCKS && isAuthorLine(text, block))) return;
    const quotes = findQuotations(text, block.start, block.end);
    const spans = splitSentences(text, block.start, block.end);
    const heading = isHeading(text, block, spans);
    if (heading) statement = -1;
    let chain = block.bullet ? listSpeaker : statement;
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
        const e = resolveMention(text, m, registry, recent, people);
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
    if (
      statement >= 0 &&
      (closesQuotation(text, block) || read.some(r => r.subject >= 0 && r.subject !== statement))
    )
      statement = -1;
    const next = blocks[b + 1];
    if (
      last &&
      last.speaker >= 0 &&
      endsWithColon(text, last) &&
      next &&
      opensQuotation(text, next)
    )
      statement = last.speaker;

    let first = 0;
    for (const q of quotes) {
      while (first < read.length && read[first]!.end <= q.open) first++;
      let last = first;
      while (last < read.length && read[last]!.start < q.close) last++;
      const entity = quoteSpeaker(text, q, read.slice(first, last));
      // A quotation continued from the paragraph before (opened there, never closed): the same speaker's.
      if (q.open === block.start && continued && entity >= 0) quoted.push({ ...continued, entity });
      if (entity >= 0) quoted.push({ start: q.start, end: q.end, entity });
    }
    continued = null;
    if (opensQuotation(text, block) && !quotes.some(q => q.open === block.start)) {
      let start = block.start + 1;
      while (start < block.end && isSpace(text[start])) start++;
      continued = { start, end: block.end };
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
