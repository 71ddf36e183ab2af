/** The reader page: composition root (reads the address, wires the background, renders). */
import '@/lib/ui/theme.css';
import '@/lib/ui/page.css';
import '@/assets/reader.css';

import { render } from 'preact';

import { callBackground } from '@/lib/messaging/client';
import { parseReaderTarget } from '@/lib/ui/reader-link';

import { App } from './App';

const root = document.getElementById('app');
if (root) {
  render(
    <App
      target={parseReaderTarget(location.search)}
      loadDocument={id => callBackground('getDocument', { id })}
      onTitle={title => {
        document.title = title;
      }}
    />,
    root,
  );
}
