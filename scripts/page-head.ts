/**
 * The head every Verbatim page shares (popup, options, report, reader, welcome), written into
 * each page at build time so that an entrypoint's index.html holds only what is its own: its
 * title, WXT's `manifest.*` options and its script. `color-scheme` is in the head, not only in
 * the CSS, so that a dark window is dark before the stylesheet loads.
 */
import type { HtmlTagDescriptor, Plugin } from 'vite';

const HEAD: HtmlTagDescriptor[] = [
  { tag: 'meta', attrs: { charset: 'utf-8' }, injectTo: 'head-prepend' },
  {
    tag: 'meta',
    attrs: { name: 'viewport', content: 'width=device-width, initial-scale=1' },
    injectTo: 'head-prepend',
  },
  {
    tag: 'meta',
    attrs: { name: 'color-scheme', content: 'light dark' },
    injectTo: 'head-prepend',
  },
];

export function pageHead(): Plugin {
  return {
    name: 'verbatim-page-head',
    transformIndexHtml: {
      order: 'pre',
      handler: html => (/<html[\s>]/i.test(html) ? HEAD : []),
    },
  };
}
