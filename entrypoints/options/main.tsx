import { render } from 'preact';

import '@/lib/ui/theme.css';
import { createCorpusActions } from '@/lib/ui/browser-actions';

import { App } from './App';
import './style.css';

render(<App actions={createCorpusActions()} />, document.getElementById('app')!);
