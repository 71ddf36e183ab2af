/** The report page (`report.html?tab=<tabId>`): composition root. */
import '@/lib/ui/theme.css';
import '@/lib/ui/page.css';
import './style.css';

import { render } from 'preact';

import { createReportActions } from '@/lib/ui/browser-actions';

import { App } from './App';

const tab = Number(new URLSearchParams(location.search).get('tab'));
const root = document.getElementById('app');
if (root) {
  render(
    <App
      actions={Number.isInteger(tab) && tab >= 0 ? createReportActions(tab) : null}
      onTitle={title => {
        document.title = title;
      }}
    />,
    root,
  );
}
