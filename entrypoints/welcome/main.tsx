/** The first-run page: composition root (opened on install; linked from the popup and options). */
import '@/lib/ui/theme.css';
import '@/lib/ui/page.css';
import './style.css';

import { render } from 'preact';
import { browser } from 'wxt/browser';

import { callBackground } from '@/lib/messaging/client';

import { App } from './App';

const root = document.getElementById('app');
if (root) {
  render(
    <App
      listDocuments={() => callBackground('listDocuments')}
      matchQuote={async text => {
        const reply = await callBackground('matchQuotes', { quotes: [{ text }] });
        return reply.ok ? { ok: true, value: reply.value[0] ?? null } : reply;
      }}
      optionsUrl={browser.runtime.getURL('/options.html')}
    />,
    root,
  );
}
