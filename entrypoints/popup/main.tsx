import { render } from 'preact';

import '@/lib/ui/theme.css';
import { createPopupActions } from '@/lib/ui/browser-actions';

import { App } from './App';
import './style.css';

// `popup.html?tab=<id>` reports on that tab: the popup opened as a page (tests, or a
// keyboard user's tab) is itself the active tab.
const tab = Number(new URLSearchParams(location.search).get('tab'));
const actions = createPopupActions(Number.isInteger(tab) && tab > 0 ? { tabId: tab } : {});

render(<App actions={actions} />, document.getElementById('app')!);
