import { describe, expect, it } from 'vitest';

import { CorpusSearch, highlightWords } from '../../../lib/core/search-index';
import { bundledIndex, PRESS_CONFERENCE } from './helpers';

const search = new CorpusSearch(bundledIndex());
const marked = (text: string, spans: Array<{ start: number; end: number }>) =>
  spans.map(s => text.slice(s.start, s.end));

describe('CorpusSearch', () => {
  it('puts the sentence holding the query first, with speaker and document', () => {
    const [first] = search.search('risk of conflict');
    expect(first!.passage).toBe('The risk of conflict is real.');
    expect(first!.documentId).toBe(PRESS_CONFERENCE);
    expect(first!.speaker.name).toBe('Jens Stoltenberg');
  });

  it('tolerates misspellings and word order', () => {
    expect(search.search('threshhold rusia')[0]!.passage).toContain('threshold for Russia');
    expect(search.search('conflict risk')[0]!.passage).toBe('The risk of conflict is real.');
  });

  it('matches the word being typed by its beginning', () => {
    expect(search.search('kazak')[0]!.passage).toMatch(/Kazakhstan/i);
    expect(search.search('kazak ')).toEqual([]);
  });

  it('highlights the matched words of each result', () => {
    const [first] = search.search('risk of conflict');
    expect(marked(first!.passage, first!.highlights)).toEqual(['risk of conflict']);
  });

  it('returns nothing for an empty query or words the corpus lacks', () => {
    expect(search.search('')).toEqual([]);
    expect(search.search('   ')).toEqual([]);
    expect(search.search('zzzzqx')).toEqual([]);
  });

  it('returns at most the number of results asked', () => {
    expect(search.search('nato', 5)).toHaveLength(5);
  });
});

describe('highlightWords', () => {
  it('lights function words only next to a matched word', () => {
    const text = 'The risk of conflict is real, of course.';
    expect(marked(text, highlightWords(text, 'risk of conflict'))).toEqual(['risk of conflict']);
  });
});
