import { render } from 'preact';

import '@/lib/ui/theme.css';
import '@/lib/ui/page.css';
import { createCorpusActions } from '@/lib/ui/browser-actions';

import { App } from './App';
import './style.css';

// `options.html?addTab=<id>`: "Add this page" from the popup or the page's context menu.
const addTab = Number(new URLSearchParams(location.search).get('addTab'));

render(
  <App
    actions={createCorpusActions()}
    {...(Number.isInteger(addTab) && addTab >= 0 && location.search.includes('addTab')
      ? { addTab }
      : {})}
  />,
  document.getElementById('app')!,
);
