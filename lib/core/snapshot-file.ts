/**
 * An index snapshot as one binary file, so that a restarted background reads its index with
 * one file read and keeps the arrays as views of that buffer: no structured clone, no copy,
 * no decoding. Pure: bytes in, bytes out.
 *
 * Layout: the 4 bytes `VBX1`; a 32-bit little-endian length; that many bytes of JSON (the
 * header: version, and each section's type, offset and length); then the sections, each at a
 * multiple of 4 bytes. The documents' metadata and the vocabulary are UTF-8 sections of
 * newline-joined strings (neither JSON nor a canonical word holds a raw newline).
 */
import type { CorpusIndexSnapshot } from './corpus-index';

const MAGIC = [0x56, 0x42, 0x58, 0x31]; // "VBX1"

type ArrayKind = 'i32' | 'u16' | 'u8';
type Section = { kind: ArrayKind | 'text'; offset: number; length: number };

/** The snapshot's arrays and their element types. */
const ARRAYS: ReadonlyArray<[keyof CorpusIndexSnapshot, ArrayKind]> = [
  ['kinds', 'u8'],
  ['bounds', 'i32'],
  ['segmentCounts', 'i32'],
  ['segments', 'i32'],
  ['attributionCounts', 'i32'],
  ['attributions', 'i32'],
  ['sortedTerms', 'i32'],
  ['termLow', 'u16'],
  ['termHigh', 'u8'],
  ['frequencies', 'i32'],
  ['postingOffsets', 'i32'],
  ['postings', 'u8'],
  ['segmentFirst', 'i32'],
];

/** A snapshot as the bytes of one file. */
export function snapshotToBytes(snapshot: CorpusIndexSnapshot): Uint8Array<ArrayBuffer> {
  const encoder = new TextEncoder();
  const parts: Array<{ name: string; kind: Section['kind']; bytes: Uint8Array; length: number }> =
    [];
  const documents = encoder.encode(snapshot.documents.join('\n'));
  parts.push({ name: 'documents', kind: 'text', bytes: documents, length: documents.length });
  const vocabulary = encoder.encode(snapshot.vocabulary);
  parts.push({ name: 'vocabulary', kind: 'text', bytes: vocabulary, length: vocabulary.length });
  for (const [name, kind] of ARRAYS) {
    const array = snapshot[name] as (ArrayBufferView & { length: number }) | null;
    if (!array) continue;
    const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    parts.push({ name, kind, bytes, length: array.length });
  }
  // Offsets relative to the end of the header; fixed up once its length is known.
  const sections: Record<string, Section> = {};
  let offset = 0;
  for (const part of parts) {
    sections[part.name] = { kind: part.kind, offset, length: part.length };
    offset = align(offset + part.bytes.length);
  }
  const header = encoder.encode(JSON.stringify({ version: snapshot.version, sections }));
  const base = align(8 + header.length);
  const out = new Uint8Array(base + offset);
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint32(4, header.length, true);
  out.set(header, 8);
  for (const part of parts) out.set(part.bytes, base + sections[part.name]!.offset);
  return out;
}

/**
 * The snapshot in a file's bytes, its arrays views of `buffer`; null if the bytes are not
 * such a file (or a damaged one). Whether its contents make an index is for
 * `CorpusIndex.restore` to check.
 */
export function snapshotFromBytes(buffer: ArrayBuffer): CorpusIndexSnapshot | null {
  try {
    const head = new Uint8Array(buffer, 0, Math.min(8, buffer.byteLength));
    if (head.length < 8 || MAGIC.some((b, i) => head[i] !== b)) return null;
    const headerLength = new DataView(buffer).getUint32(4, true);
    if (8 + headerLength > buffer.byteLength) return null;
    const decoder = new TextDecoder();
    const header = JSON.parse(decoder.decode(new Uint8Array(buffer, 8, headerLength))) as {
      version: number;
      sections: Record<string, Section>;
    };
    const base = align(8 + headerLength);
    const view = (name: string, kind: Section['kind']) => {
      const s = header.sections[name];
      if (!s || s.kind !== kind) return undefined;
      const at = base + s.offset;
      if (kind === 'text') return decoder.decode(new Uint8Array(buffer, at, s.length));
      if (kind === 'i32') return new Int32Array(buffer, at, s.length);
      if (kind === 'u16') return new Uint16Array(buffer, at, s.length);
      return new Uint8Array(buffer, at, s.length);
    };
    const documents = view('documents', 'text') as string | undefined;
    const vocabulary = view('vocabulary', 'text') as string | undefined;
    if (documents === undefined || vocabulary === undefined) return null;
    const snapshot: Record<string, unknown> = {
      version: header.version,
      documents: documents === '' ? [] : documents.split('\n'),
      vocabulary,
      termHigh: null,
    };
    for (const [name, kind] of ARRAYS) {
      const array = view(name, kind);
      if (array === undefined) {
        if (name !== 'termHigh') return null;
      } else snapshot[name] = array;
    }
    return snapshot as unknown as CorpusIndexSnapshot;
  } catch {
    // A RangeError from a view past the end, bad JSON: not a snapshot file.
    return null;
  }
}

function align(n: number): number {
  return (n + 3) & ~3;
}
