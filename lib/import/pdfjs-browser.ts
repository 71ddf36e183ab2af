/**
 * pdf.js for the extension's pages: the browser build, with its worker
 * bundled as one of the extension's own files (`?url`: Vite copies it into
 * the build and gives its address), so nothing is fetched from anywhere and
 * the extension pages' content security policy (scripts from the extension
 * only) holds. Loaded on demand: the options page pays for pdf.js only when a
 * PDF is imported.
 */
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

import type { PdfjsLike, PdfjsLoader } from './pdf-text';

export const loadBrowserPdfjs: PdfjsLoader = async () => {
  const pdfjs = await import('pdfjs-dist');
  pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
  return pdfjs as unknown as PdfjsLike;
};
