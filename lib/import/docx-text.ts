/**
 * A Word file (`.docx`) → plain text, for import: mammoth reads the file's
 * paragraphs (text only: no images, no markup survives), one paragraph per
 * block separated by blank lines. The text then goes through the one
 * document reader (`documentFromText`), like every other format.
 */

/** The part of mammoth used here; passed in so the module loads only when a Word file comes. */
export interface MammothLike {
  /** The browser build reads `arrayBuffer`, the Node build `buffer`: both are given. */
  extractRawText(input: {
    arrayBuffer: ArrayBuffer;
    buffer: Uint8Array;
  }): Promise<{ value: string }>;
}

export type MammothLoader = () => Promise<MammothLike>;

export type DocxResult = { ok: true; text: string } | { ok: false; error: string };

/** The default loader: mammoth's browser build in a bundle, its Node build in Node. */
export const loadMammoth: MammothLoader = async () => {
  const mod = (await import('mammoth')) as unknown as MammothLike & { default?: MammothLike };
  return mod.default ?? mod;
};

/** Read a Word file's text; never throws. `name` is only used in messages. */
export async function extractDocx(
  bytes: Uint8Array,
  name: string,
  load: MammothLoader = loadMammoth,
): Promise<DocxResult> {
  // A password-protected .docx is an encrypted OLE container, not a ZIP archive.
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    return {
      ok: false,
      error: `${name} is protected by a password (or is an old .doc file). Save it as a .docx without a password, or paste the text instead.`,
    };
  }
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) {
    return {
      ok: false,
      error: `${name} is damaged or is not really a Word file, and could not be read.`,
    };
  }
  let mammoth: MammothLike;
  try {
    mammoth = await load();
  } catch (e) {
    return {
      ok: false,
      error: `${name} could not be read: the Word reader did not load (${message(e)})`,
    };
  }
  try {
    const copy = bytes.slice();
    const { value } = await mammoth.extractRawText({ arrayBuffer: copy.buffer, buffer: copy });
    const text = value
      .replace(/\r\n?/g, '\n')
      .split(/\n{2,}/)
      .map(p => p.replace(/[ \t\u00a0]+/g, ' ').trim())
      .filter(Boolean)
      .join('\n\n');
    return { ok: true, text };
  } catch (e) {
    return {
      ok: false,
      error: `${name} is damaged or is not really a Word file, and could not be read (${message(e)}).`,
    };
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
