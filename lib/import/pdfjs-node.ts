/** pdf.js for Node (unit tests, the `check` CLI): the legacy build, which runs without a worker thread. */
import type { PdfjsLike, PdfjsLoader } from './pdf-text';

export const loadNodePdfjs: PdfjsLoader = async () =>
  (await import('pdfjs-dist/legacy/build/pdf.mjs')) as unknown as PdfjsLike;
