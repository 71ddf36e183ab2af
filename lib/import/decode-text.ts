/**
 * Bytes of an imported file → text, in any common encoding, and the refusal
 * of files that are not text at all. Browser-safe (only `TextDecoder`), so the
 * options page and the `check` CLI share it.
 *
 * The order of evidence: a byte-order mark; UTF-16 without one (every other
 * byte NUL); known binary signatures (PDF, ZIP/DOCX, images, …) and NUL
 * bytes; then UTF-8 if the bytes are valid UTF-8 (valid UTF-8 with non-ASCII
 * bytes almost never happens by accident in a legacy encoding, and many pages
 * that declare Latin-1 are really UTF-8); then the encoding an HTML page
 * declares; then Windows-1252, the usual encoding of old Western text files.
 */

export type Decoded =
  { ok: true; text: string; encoding: string } | { ok: false; error: string; binary: boolean };

/** Bytes looked at for signatures, NUL bytes and control characters. */
const SNIFF_BYTES = 8000;
/** Share of control characters (other than tab and line breaks) above which text is binary. */
const MAX_CONTROL_SHARE = 0.01;

/** Leading bytes of common binary formats, with a name a user recognises. */
const SIGNATURES: ReadonlyArray<{ bytes: readonly number[]; name: string }> = [
  { bytes: [0x25, 0x50, 0x44, 0x46], name: 'a PDF document' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], name: 'a ZIP archive (or a Word, OpenDocument or EPUB file)' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], name: 'an old Microsoft Office document' },
  { bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66], name: 'an RTF document' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], name: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], name: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], name: 'a GIF image' },
  { bytes: [0x1f, 0x8b], name: 'a gzip archive' },
  { bytes: [0x52, 0x61, 0x72, 0x21], name: 'a RAR archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], name: 'a 7-Zip archive' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], name: 'a program' },
  { bytes: [0x4f, 0x67, 0x67, 0x53], name: 'an audio file' },
  { bytes: [0x49, 0x44, 0x33], name: 'an audio file' },
];

/**
 * Windows-1252's 0x80–0x9F (curly quotes, dashes, €). Spelled out because
 * Node's `TextDecoder('windows-1252')` decodes these bytes as Latin-1 C1
 * controls, unlike browsers; 0x81, 0x8D, 0x8F, 0x90 and 0x9D are unassigned
 * and kept as the same code point, as browsers do.
 */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/** Decode a file's bytes; never throws. `name` is only used in messages. */
export function decodeBytes(bytes: Uint8Array, name: string, declared?: string): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return checked(utf8(bytes.subarray(3)) ?? cp1252(bytes.subarray(3)), 'utf-8', name);
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return checked(new TextDecoder('utf-16le').decode(bytes.subarray(2)), 'utf-16le', name);
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return checked(new TextDecoder('utf-16be').decode(bytes.subarray(2)), 'utf-16be', name);
  }
  const signature = SIGNATURES.find(s => s.bytes.every((b, i) => bytes[i] === b));
  if (signature) return binary(name, signature.name);
  const utf16 = sniffUtf16(bytes);
  if (utf16) return checked(new TextDecoder(utf16).decode(bytes), utf16, name);
  if (bytes.subarray(0, SNIFF_BYTES).includes(0)) return binary(name);

  const asUtf8 = utf8(bytes);
  if (asUtf8 !== null) return checked(asUtf8, 'utf-8', name);
  const label = declared ? supportedLabel(declared) : null;
  if (label && label !== 'windows-1252' && label !== 'utf-8') {
    return checked(new TextDecoder(label).decode(bytes), label, name);
  }
  return checked(cp1252(bytes), 'windows-1252', name);
}

/**
 * Decode a file's bytes: UTF-8 (with or without BOM), UTF-16 (with a BOM, or
 * detected), or Windows-1252 when the bytes are not valid UTF-8.
 *
 * @throws Error when the bytes look binary.
 */
export function decodeText(bytes: Uint8Array, name: string): string {
  const result = decodeBytes(bytes, name);
  if (!result.ok) throw new Error(result.error);
  return result.text;
}

/** The `charset` an HTML document declares in its first 1024 bytes (`<meta charset>` or `http-equiv`), if any. */
export function declaredHtmlCharset(bytes: Uint8Array): string | undefined {
  const head = String.fromCharCode(...bytes.subarray(0, 1024));
  const match = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return match?.[1];
}

function utf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

function cp1252(bytes: Uint8Array): string {
  let out = '';
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const codes = Array.from(bytes.subarray(i, i + CHUNK), b =>
      b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b,
    );
    out += String.fromCharCode(...codes);
  }
  return out;
}

/** The encoding label `TextDecoder` knows `label` as, or null. */
function supportedLabel(label: string): string | null {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return null;
  }
}

/** `utf-16le`/`utf-16be` when the bytes are UTF-16 text without a BOM (mostly-ASCII text: every other byte NUL). */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, SNIFF_BYTES) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

/** Text that decoded but is mostly control characters is binary all the same. */
function checked(text: string, encoding: string, name: string): Decoded {
  const sample = text.slice(0, SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0xfffd) {
      control++;
    }
  }
  if (control > Math.max(2, sample.length * MAX_CONTROL_SHARE)) return binary(name);
  return { ok: true, text, encoding };
}

function binary(name: string, what?: string): Decoded {
  return {
    ok: false,
    binary: true,
    error: what ? `${name} is ${what}, not text` : `${name} looks like a binary file, not text`,
  };
}
