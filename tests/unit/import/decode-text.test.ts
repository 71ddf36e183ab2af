import { describe, expect, it } from 'vitest';

import { declaredHtmlCharset, decodeBytes, decodeText } from '@/lib/import/decode-text';

const bytes = (...values: number[]) => new Uint8Array(values);
const utf8 = (text: string) => new TextEncoder().encode(text);

function utf16(text: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  const view = new DataView(out.buffer);
  let offset = 0;
  if (bom) {
    view.setUint16(0, 0xfeff, littleEndian);
    offset = 2;
  }
  for (let i = 0; i < text.length; i++)
    view.setUint16(offset + i * 2, text.charCodeAt(i), littleEndian);
  return out;
}

describe('decodeBytes', () => {
  it('reads UTF-8, with or without a byte-order mark', () => {
    expect(decodeBytes(utf8('Café “quoted”'), 'a.txt')).toEqual({
      ok: true,
      text: 'Café “quoted”',
      encoding: 'utf-8',
    });
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Ça va')]);
    expect(decodeBytes(withBom, 'a.txt')).toMatchObject({ ok: true, text: 'Ça va' });
  });

  it.each([
    ['little-endian with a BOM', true, true, 'utf-16le'],
    ['big-endian with a BOM', false, true, 'utf-16be'],
    ['little-endian without a BOM', true, false, 'utf-16le'],
    ['big-endian without a BOM', false, false, 'utf-16be'],
  ])('reads UTF-16 %s', (_, littleEndian, bom, encoding) => {
    const text = 'Minister: “We signed the agreement today.”';
    expect(decodeBytes(utf16(text, littleEndian, bom), 'a.txt')).toEqual({
      ok: true,
      text,
      encoding,
    });
  });

  it('reads Windows-1252 when the bytes are not UTF-8, curly quotes and dashes included', () => {
    // “café — €5” in Windows-1252
    const cp1252 = bytes(0x93, 0x63, 0x61, 0x66, 0xe9, 0x20, 0x97, 0x20, 0x80, 0x35, 0x94);
    expect(decodeBytes(cp1252, 'a.txt')).toEqual({
      ok: true,
      text: '“café — €5”',
      encoding: 'windows-1252',
    });
  });

  it('uses the encoding an HTML page declares when its bytes are not UTF-8', () => {
    // "Łódź" in ISO-8859-2
    const latin2 = bytes(0xa3, 0xf3, 0x64, 0xbc);
    expect(decodeBytes(latin2, 'a.html', 'iso-8859-2')).toMatchObject({
      ok: true,
      text: 'Łódź',
      encoding: 'iso-8859-2',
    });
  });

  it('prefers valid UTF-8 over a wrong Latin-1 declaration', () => {
    expect(decodeBytes(utf8('Zoë'), 'a.html', 'iso-8859-1')).toMatchObject({ text: 'Zoë' });
  });

  it.each([
    [
      'PDF',
      [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37],
      'scan.txt is a PDF document, not text',
    ],
    ['PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'scan.txt is a PNG image, not text'],
    [
      'ZIP (.docx)',
      [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00],
      'scan.txt is a ZIP archive (or a Word, OpenDocument or EPUB file), not text',
    ],
  ])('refuses a %s file by its signature', (_, signature, message) => {
    expect(decodeBytes(bytes(...signature, ...utf8(' some more bytes')), 'scan.txt')).toEqual({
      ok: false,
      binary: true,
      error: message,
    });
  });

  it('refuses bytes with NUL bytes that are not UTF-16', () => {
    const data = bytes(0x01, 0x00, 0x00, 0x7f, 0x45, 0x10, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00);
    expect(decodeBytes(data, 'blob.txt')).toEqual({
      ok: false,
      binary: true,
      error: 'blob.txt looks like a binary file, not text',
    });
  });

  it('refuses text that is mostly control characters', () => {
    const data = bytes(...Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41)));
    expect(decodeBytes(data, 'odd.txt')).toMatchObject({ ok: false, binary: true });
  });
});

describe('decodeText', () => {
  it('returns the text, or throws the message for binary bytes', () => {
    expect(decodeText(utf8('plain'), 'a.txt')).toBe('plain');
    expect(() => decodeText(bytes(0, 1, 2, 3, 0, 0, 0, 9), 'x.bin')).toThrow(
      'x.bin looks like a binary file, not text',
    );
  });
});

describe('declaredHtmlCharset', () => {
  it.each([
    ['<meta charset="windows-1251">', 'windows-1251'],
    ["<meta charset='ISO-8859-2' />", 'ISO-8859-2'],
    ['<meta http-equiv="Content-Type" content="text/html; charset=shift_jis">', 'shift_jis'],
    ['<p>no declaration</p>', undefined],
  ])('reads %s', (head, expected) => {
    expect(declaredHtmlCharset(utf8(`<html><head>${head}</head>`))).toBe(expected);
  });
});
