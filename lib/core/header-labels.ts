/**
 * Header lines that name the speaker above a speech, without a colon: how
 * parliaments publish debates on the web (Hansard and its mirrors,
 * TheyWorkForYou-style sites, openparliament):
 *
 * - `Keir Starmer Portrait The Prime Minister (Keir Starmer)` — an image's
 *   alt text, then the position with the name in parentheses;
 * - `Photo of Peter DuttonPeter Dutton (Dickson, Liberal Party, Leader of the
 *   Opposition) Share this | | Hansard source` — the alt text glued to the
 *   name, the seat, party and position in parentheses, sharing links;
 * - `Peter Julian NDP New Westminster—Burnaby, BC` — the name, the party,
 *   the riding;
 * - `The Assistant Deputy Speaker (Mrs. Alexandra Mendès) Liberal …`.
 *
 * A header is the last line of its paragraph but for furniture (`- View
 * Speech - Hansard - -`, `Link to this: Individually | In context`), and the
 * next paragraph is speech. One such line could be a byline or a caption, so
 * a text has header labels only when it has at least two, one of them
 * decorated (a parenthesis, a party, an image's alt text), or three.
 */
import { isBlank, isLower, isUpper } from './char-class';
import { isFurnitureLine } from './furniture';
import { isBulletAt, splitBlocks, type Block } from './segment';
import type { SpeakerLabel } from './speaker-labels';
import {
  hasHeadTitle,
  honorificOf,
  isInitial,
  isNameWord,
  isPartyWord,
  isRoleSequence,
  parseSpeakerLabel,
  splitNameRole,
  wordsOf,
  type PersonParts,
} from './speakers';

/** Longest header line. */
const MAX_HEADER_LINE = 150;
/** Furniture lines a header paragraph may have after the header. */
const MAX_TRAILING_LINES = 2;
/** Words of a speech paragraph long enough to count without a final full stop. */
const SPEECH_WORDS = 12;

/** An image's alt text before the name it captions: `Photo of Peter Dutton` + `Peter Dutton`. */
const ALT_BEFORE_RE =
  /^(?:Photo|Image|Picture|Portrait|Headshot|Avatar)\s+of\s+(.{2,60}?)\s*(?=\1)/u;
/** A name, then the word for its image: `Keir Starmer Portrait The Prime Minister …`. */
const ALT_AFTER_RE = /^(.{2,60}?)\s+(?:Portrait|Photo|Image|Headshot|Avatar)\s+(?=\p{Lu})/u;

/** The words of an image's alt text, tested before the slower patterns. */
const ALT_WORD_RE = /Portrait|Photo|Image|Picture|Headshot|Avatar/u;

/** A header line read as a person. */
interface Header {
  text: string;
  parts: PersonParts;
  /** Carries a parenthesis, a party or an image's alt text (a stronger sign than a bare name). */
  decorated: boolean;
}

function nameWord(word: string): boolean {
  return (isNameWord(word, false) || isInitial(word)) && !isPartyWord(word);
}

/** Whether words are a personal name: two to five name words, the last not an initial. */
function personalName(words: readonly string[]): boolean {
  return (
    words.length >= 2 &&
    words.length <= 5 &&
    words.every(nameWord) &&
    !isInitial(words[words.length - 1]!) &&
    words.some(w => /\p{Ll}/u.test(w))
  );
}

/** `The Prime Minister (Keir Starmer)`, `The Assistant Deputy Speaker (Mrs. Alexandra Mendès) Liberal …`. */
function roleThenName(line: string): PersonParts | null {
  const open = line.indexOf('(');
  const close = line.indexOf(')', open);
  if (open <= 0 || close < 0) return null;
  let role = wordsOf(line.slice(0, open));
  if (role[0] === 'The') role = role.slice(1);
  if (role.length === 0 || !isRoleSequence(role) || !hasHeadTitle(role)) return null;
  let name = wordsOf(line.slice(open + 1, close));
  const honorific = name.length > 0 ? honorificOf(name[0]!) : null;
  if (honorific) name = name.slice(1);
  if (!personalName(name)) return null;
  return { name: name.join(' '), role: role.join(' '), ...(honorific ?? {}) };
}

/** Read one line as a speaker header, or null. */
export function readHeader(raw: string): Header | null {
  let line = raw.trim();
  if (line.length < 4 || line.length > MAX_HEADER_LINE || !isUpper(line[0])) return null;
  let decorated = false;
  const before = ALT_WORD_RE.test(line) ? ALT_BEFORE_RE.exec(line) : null;
  if (before) {
    line = line.slice(before[0].length);
    decorated = true;
  } else if (ALT_WORD_RE.test(line)) {
    const after = ALT_AFTER_RE.exec(line);
    if (after && personalName(wordsOf(after[1]!))) {
      line = line.slice(after[0].length);
      decorated = true;
    }
  }
  const bar = line.indexOf('|');
  if (bar >= 0) line = line.slice(0, bar).trim();
  if (line.length === 0 || /[.?!:;,]$/u.test(line)) return null;
  if (/:/u.test(line.replace(/\([^)]*\)/gu, ''))) return null;

  const ruled = roleThenName(line);
  if (ruled) return { text: line, parts: ruled, decorated: true };

  // A name first, then parentheses and/or a party and seat.
  const words = wordsOf(line.replace(/\(.*$/u, ''));
  let n = 0;
  while (
    n < words.length &&
    (nameWord(words[n]!) || (n > 0 && /^(?:de|van|von|der|ó|ní|mac|mc)$/iu.test(words[n]!)))
  )
    n++;
  const name = words.slice(0, n);
  if (!personalName(name)) return null;
  const tail = words.slice(n);
  const paren = line.indexOf('(');
  if (paren >= 0) {
    const groups = line.slice(paren);
    if (!/^(?:\([^()]{1,80}\)\s*)+(?:\S+(?:\s+\S+){0,3})?$/u.test(groups)) return null;
    const label = `${name.join(' ')} ${groups.replace(/\)[^)]*$/u, ')')}`;
    const parts = parseSpeakerLabel(label);
    return parts.name ? { text: line, parts, decorated: true } : null;
  }
  if (tail.length === 0) {
    const parts = splitNameRole(name, false);
    return parts.name ? { text: line, parts, decorated } : null;
  }
  // `Peter Julian NDP New Westminster—Burnaby, BC`: a party, then a seat in capitalised words.
  const party = tail[0]!;
  if (!(isPartyWord(party) || /^\p{Lu}{2,5}$/u.test(party))) return null;
  if (tail.some(w => isLower(w[0]) && !/^(?:of|and|the|de|du|la|le)$/u.test(w))) return null;
  return { text: line, parts: { name: name.join(' '), affiliation: party }, decorated: true };
}

/** Whether a line is furniture after a header: a link line, a list marker, fields, a date. */
function isTrailingFurniture(line: string): boolean {
  const s = line.trim();
  if (s.includes('\n')) return false;
  return (
    s.length === 0 ||
    isBulletAt(s, 0) ||
    s.startsWith('-') ||
    s.includes('|') ||
    (s.includes(':') && !/[.?!]$/u.test(s)) ||
    isFurnitureLine(s)
  );
}

/** Whether a paragraph is speech: words in lower case, ending as a sentence ends, or long. */
function isSpeech(text: string, block: Block): boolean {
  let lineEnd = text.indexOf('\n', block.start);
  if (lineEnd < 0 || lineEnd > block.end) lineEnd = block.end;
  const line = text.slice(block.start, Math.min(lineEnd, block.start + 400)).trimEnd();
  if (isFurnitureLine(line)) return false;
  const words = wordsOf(line);
  const lower = words.filter(w => isLower(w[0])).length;
  if (/[.?!…"”’]$/u.test(line)) return lower >= 1 || words.length >= 3;
  return lower >= 2 && (/[,;:)\-—–]$/u.test(line) || words.length >= SPEECH_WORDS);
}

/** Header labels of `text` (see the module comment); empty when it has too few. */
export function findHeaderLabels(
  text: string,
  blocks: readonly Block[] = splitBlocks(text),
): SpeakerLabel[] {
  const found: Array<SpeakerLabel & { decorated: boolean }> = [];
  for (let b = 0; b + 1 < blocks.length; b++) {
    const block = blocks[b]!;
    if (block.end - block.start > MAX_HEADER_LINE * (MAX_TRAILING_LINES + 2)) continue;
    // Lines of the block, last first: the header is the last line but furniture.
    const lines: Array<{ start: number; end: number }> = [];
    for (let s = block.start; s < block.end;) {
      let e = text.indexOf('\n', s);
      if (e < 0 || e > block.end) e = block.end;
      lines.push({ start: s, end: e });
      s = e + 1;
    }
    let k = lines.length - 1;
    while (
      k >= 0 &&
      lines.length - 1 - k < MAX_TRAILING_LINES &&
      !readHeader(text.slice(lines[k]!.start, lines[k]!.end)) &&
      isTrailingFurniture(text.slice(lines[k]!.start, lines[k]!.end))
    ) {
      k--;
    }
    if (k < 0) continue;
    const line = lines[k]!;
    let start = line.start;
    while (start < line.end && isBlank(text[start])) start++;
    const header = readHeader(text.slice(start, line.end));
    if (!header) continue;
    // The speech, after paragraphs of furniture (`- View Speech - Hansard - -`).
    let next = b + 1;
    while (
      next < blocks.length &&
      next - b <= MAX_TRAILING_LINES &&
      ((blocks[next]!.bullet &&
        !/[.?!…]$/u.test(text.slice(blocks[next]!.start, blocks[next]!.end))) ||
        (!isSpeech(text, blocks[next]!) &&
          isTrailingFurniture(text.slice(blocks[next]!.start, blocks[next]!.end))))
    ) {
      next++;
    }
    if (next >= blocks.length || !isSpeech(text, blocks[next]!)) continue;
    // The label's span is the header as read (without alt text and sharing links), so that the
    // text there is the label a user alias names.
    const at = text.indexOf(header.text, start);
    const from = at >= 0 && at < line.end ? at : start;
    found.push({
      start: from,
      end: at >= 0 && at < line.end ? from + header.text.length : line.end,
      text: header.text,
      bodyStart: blocks[next]!.start,
      form: 'header',
      parts: header.parts,
      decorated: header.decorated,
    });
  }
  const enough = found.length >= 3 || (found.length >= 2 && found.some(h => h.decorated));
  // Speeches address the house in the first or second person; an article under captions reports.
  const spoken = found.filter(h => addressesSomeone(text, h.bodyStart)).length;
  return enough && spoken * 2 >= found.length
    ? found.map(({ decorated: _, ...label }) => label)
    : [];
}

/** A speaker's own words: `I`, `we`, `you`, … outside quotation marks, or an address (`Madam Speaker`). */
const ADDRESS_RE =
  /(?:^|[^\p{L}'’])(?:I|I['’]m|I['’]ve|[Ww]e|[Mm]y|[Oo]ur|[Uu]s|[Mm]e|[Yy]ou|[Yy]our)(?![\p{L}'’])|\b(?:Madam|Mister|Mr\.?|Mrs\.?)\s+(?:Speaker|President|Chair|Chairman|Chairperson|Deputy Speaker)\b/u;
/** Quotations, left out when looking for a speaker's own words. */
const QUOTED_RE = /“[^”]*”|"[^"\n]*"/gu;
/** How far into a speech its own words are looked for. */
const ADDRESS_WINDOW = 300;

/** Whether the speech starting at `start` speaks in the first or second person, or addresses the chair. */
function addressesSomeone(text: string, start: number): boolean {
  return ADDRESS_RE.test(text.slice(start, start + ADDRESS_WINDOW).replace(QUOTED_RE, ' '));
}
