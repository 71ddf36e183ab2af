import { render } from 'preact';

import '@/lib/ui/theme.css';
import '@/lib/ui/page.css';
import { createPopupActions } from '@/lib/ui/browser-actions';

import { App } from './App';
import './style.css';

// `popup.html?tab=<id>` reports on that tab: the popup opened as a page (tests, or a
// keyboard user's tab) is itself the active tab.
const params = new URLSearchParams(location.search);
const tab = Number(params.get('tab'));
const actions = createPopupActions(Number.isInteger(tab) && tab > 0 ? { tabId: tab } : {});
// `popup.html?q=…`: "Search the corpus" from a page's "no source" answer.
const query = params.get('q') ?? '';

render(<App actions={actions} initialQuery={query} />, document.getElementById('app')!);
