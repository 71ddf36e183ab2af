/**
 * PDF and Word files made by the tests themselves (so every byte is known):
 * a text PDF with speaker turns across pages (pdfkit), a "scanned" PDF whose
 * only page is an image, a password-protected PDF, and a .docx written as
 * the ZIP of WordprocessingML parts that Word itself writes (jszip).
 */
import { deflateSync } from 'node:zlib';

import JSZip from 'jszip';
import PDFDocument from 'pdfkit';

type Pdf = InstanceType<typeof PDFDocument>;

function pdf(options: ConstructorParameters<typeof PDFDocument>[0], draw: (doc: Pdf) => void) {
  return new Promise<Uint8Array>((resolve, reject) => {
    const doc = new PDFDocument({ compress: true, ...options });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    draw(doc);
    doc.end();
  });
}

/** A page of a text PDF: paragraphs, each drawn as wrapped lines with a blank line after. */
export type PdfPage = string[];

/** A PDF with a text layer: one array of paragraphs per page. */
export function makeTextPdf(pages: PdfPage[], info: { title?: string } = {}): Promise<Uint8Array> {
  return pdf({ autoFirstPage: false, info: { Title: info.title ?? '' } }, doc => {
    for (const paragraphs of pages) {
      doc.addPage({ size: 'A4', margin: 60 });
      doc.font('Helvetica').fontSize(11);
      for (const p of paragraphs) doc.text(p, { paragraphGap: 0 }).moveDown(1);
    }
  });
}

/** A PDF made of a scanned page: an image, no text layer. */
export function makeScannedPdf(): Promise<Uint8Array> {
  const png = grayPng(200, 120);
  return pdf({ autoFirstPage: false }, doc => {
    doc.addPage({ size: 'A4', margin: 0 });
    doc.image(Buffer.from(png), 0, 0, { width: 595 });
  });
}

/** A PDF that opens only with a password (RC4/AES per pdfkit's standard security handler). */
export function makeEncryptedPdf(text: string): Promise<Uint8Array> {
  return pdf({ userPassword: 'embargo', ownerPassword: 'owner', pdfVersion: '1.7' }, doc => {
    doc.font('Helvetica').fontSize(11).text(text);
  });
}

/** A .docx with one Word paragraph per entry (`bold` prefix as a run of its own, as Word writes labels). */
export async function makeDocx(
  paragraphs: Array<string | { bold: string; text: string }>,
): Promise<Uint8Array> {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const run = (text: string, bold = false) =>
    `<w:r>${bold ? '<w:rPr><w:b/></w:rPr>' : ''}<w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
  const body = paragraphs
    .map(p => `<w:p>${typeof p === 'string' ? run(p) : run(p.bold, true) + run(p.text)}</w:p>`)
    .join('');
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
      '</Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
      '</Relationships>',
  );
  zip.file(
    'word/document.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
      `<w:body>${body}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** A grey gradient PNG (the "scan"). */
function grayPng(width: number, height: number): Uint8Array {
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0;
    for (let x = 0; x < width; x++) raw[y * (width + 1) + 1 + x] = (x * 255) / width;
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(raw)),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}
