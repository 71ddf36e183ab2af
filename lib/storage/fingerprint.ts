/**
 * Fingerprints for duplicate detection and corpus revisions: short strings,
 * equal for equal inputs, different otherwise with overwhelming probability
 * (two independent 53-bit hashes plus the length). Not cryptographic.
 */

/**
 * A fingerprint of a document's text that ignores what copying a document
 * from one place to another changes: Unicode compatibility forms, case, curly
 * versus straight quote marks, dash variants and white space.
 */
export function textFingerprint(text: string): string {
  const norm = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201a\u201b\u2032`\u00b4]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
  return digest(norm);
}

/** The revision of a set of revision tokens (order does not matter). */
export function revisionOf(revs: readonly string[]): string {
  return digest([...revs].sort().join('\n'));
}

function digest(s: string): string {
  return `${s.length.toString(36)}-${hash53(s, 0)}-${hash53(s, 0x9e3779b9)}`;
}

/** cyrb53: a fast 53-bit string hash with good dispersion. */
function hash53(s: string, seed: number): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
