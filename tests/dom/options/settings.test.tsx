// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';

import { setup } from './helpers';

afterEach(cleanup);

describe('settings', () => {
  it('saves the match sensitivity as soon as it is chosen', async () => {
    const { backend } = setup();
    const strict = (await screen.findByRole('radio', { name: /^Strict/ })) as HTMLInputElement;
    expect((screen.getByRole('radio', { name: /^Balanced/ }) as HTMLInputElement).checked).toBe(
      true,
    );
    fireEvent.click(strict);
    await waitFor(() => expect(backend.settings.sensitivity).toBe('strict'));
    expect(strict.checked).toBe(true);
    expect(screen.getByTestId('settings-status').textContent).toBe(
      'Match sensitivity: strict. Open tabs use it now.',
    );
  });

  it('saves a valid minimum quote length, and explains an invalid one without saving it', async () => {
    const { backend } = setup();
    const input = (await screen.findByTestId('min-words')) as HTMLInputElement;
    expect(input.value).toBe('4');
    fireEvent.input(input, { target: { value: '0' } });
    fireEvent.change(input);
    expect(screen.getByText('Enter a whole number of words from 1 to 50.')).toBeTruthy();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(backend.callsTo('updateSettings')).toHaveLength(0);

    fireEvent.input(input, { target: { value: '6' } });
    fireEvent.change(input);
    await waitFor(() => expect(backend.settings.minQuoteWords).toBe(6));
    expect(screen.queryByText('Enter a whole number of words from 1 to 50.')).toBeNull();
  });

  it('adds and removes sites where Verbatim never runs', async () => {
    const { backend } = setup({ settings: { disabledSites: ['example.com'] } });
    const list = await screen.findByTestId('disabled-sites');
    expect(
      within(list)
        .getAllByRole('listitem')
        .map(li => li.querySelector('.site')?.textContent),
    ).toEqual(['example.com']);
    fireEvent.input(screen.getByTestId('new-site'), { target: { value: 'News.Example.org' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add site' }));
    await waitFor(() =>
      expect(backend.settings.disabledSites).toEqual(['example.com', 'news.example.org']),
    );
    expect((screen.getByTestId('new-site') as HTMLInputElement).value).toBe('');

    fireEvent.click(screen.getByRole('button', { name: 'Remove example.com' }));
    await waitFor(() => expect(backend.settings.disabledSites).toEqual(['news.example.org']));
    expect(screen.getByTestId('settings-status').textContent).toBe(
      'Verbatim runs on example.com again. Open tabs use it now.',
    );
  });

  it('shows why a site cannot be added, and keeps what was typed', async () => {
    const { backend } = setup();
    await screen.findByTestId('new-site');
    fireEvent.input(screen.getByTestId('new-site'), { target: { value: 'not a host' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add site' }));
    expect(
      await screen.findByText('"not a host" is not a host name (like example.com)'),
    ).toBeTruthy();
    expect((screen.getByTestId('new-site') as HTMLInputElement).value).toBe('not a host');
    expect(backend.settings.disabledSites).toEqual([]);
  });
});

describe('coming back to the page', () => {
  it('reads the corpus and the settings again, as another page may have changed them', async () => {
    const { backend } = setup();
    await screen.findByTestId('new-site');
    expect(screen.getByText('None: Verbatim runs on every site.')).toBeTruthy();
    // Meanwhile, the popup pauses a site and another tab deletes a document.
    backend.settings = { ...backend.settings, disabledSites: ['news.example'] };
    backend.delete(['river-council-statement-2024-11-02']);
    document.dispatchEvent(new Event('visibilitychange'));
    expect(await screen.findByRole('button', { name: 'Remove news.example' })).toBeTruthy();
    await waitFor(() => expect(screen.getAllByTestId('doc-row')).toHaveLength(1));
  });
});
