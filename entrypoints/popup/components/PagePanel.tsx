/**
 * The active tab: how many quotes Verbatim found and matched there, and the
 * switch that pauses Verbatim on the site. While the popup is open the
 * counts are refreshed, so a page still being matched (or just resumed)
 * shows its numbers as they come.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';

import type { Settings } from '@/lib/messaging/protocol';
import type { PageStatus, PopupActions } from '@/lib/ui/actions';
import { isPausedOn, withSitePaused } from '@/lib/ui/site-pause';
import { ToggleSwitch } from '@/lib/ui/ToggleSwitch';

import { PageQuotes } from './PageQuotes';

/** How often the counts are asked for again while the popup is open. */
export const STATS_REFRESH_MS = 1000;

export interface PagePanelProps {
  actions: PopupActions;
  refreshMs?: number;
}

export function PagePanel({ actions, refreshMs = STATS_REFRESH_MS }: PagePanelProps) {
  const [status, setStatus] = useState<PageStatus | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState('');

  const refresh = useCallback(async () => {
    setStatus(await actions.pageStatus());
  }, [actions]);

  useEffect(() => {
    void refresh();
    void actions.getSettings().then(r => {
      if (r.ok) setSettings(r.value);
      else setError(r.error);
    });
    const timer = setInterval(() => void refresh(), refreshMs);
    return () => clearInterval(timer);
  }, [actions, refresh, refreshMs]);

  if (!status) {
    return (
      <section class="page-panel" aria-label="This page" aria-busy="true">
        <p class="page-line muted">Checking this page…</p>
      </section>
    );
  }

  const host = status.host;
  const copies = (status.running && status.copies) || 0;
  const paused = !!host && !!settings && isPausedOn(host, settings.disabledSites);

  async function setPaused(next: boolean) {
    if (!host || !settings) return;
    setSaving(true);
    setError('');
    const result = await actions.updateSettings({
      disabledSites: withSitePaused(settings.disabledSites, host, next),
    });
    setSaving(false);
    if (result.ok) setSettings(result.value);
    else setError(result.error);
    void refresh();
  }

  return (
    <section class="page-panel" aria-label="This page" data-testid="page-panel">
      {status.running && !paused && (
        <p class="page-line" data-testid="page-stats">
          {status.found === 0 ? (
            <>No quotes found on this page yet.</>
          ) : (
            <>
              <strong>{status.found}</strong> {status.found === 1 ? 'quote' : 'quotes'} found ·{' '}
              <strong>{status.matched}</strong> matched to a source
            </>
          )}
          {copies > 0 && (
            <>
              {' '}
              · <strong>{copies}</strong> {copies === 1 ? 'unmarked copy' : 'unmarked copies'} of a
              source
            </>
          )}
        </p>
      )}
      {status.running && !paused && status.found + copies > 0 && (
        <PageQuotes
          actions={actions}
          refresh={(status.found * 100_000 + status.matched) * 1_000 + copies}
        />
      )}
      {paused && (
        <p class="page-line" data-testid="page-stats">
          Paused on {host}: Verbatim leaves its pages alone.
        </p>
      )}
      {!status.running && !paused && (
        <p class="page-line muted" data-testid="page-unavailable">
          {host ? (
            <>
              Verbatim isn’t running on {host} yet: it starts once the page has loaded, and a page
              opened before Verbatim was installed needs a reload.
            </>
          ) : status.siteAccess === false ? (
            <>
              Verbatim can’t see this page: it is a browser page, or a site you haven’t allowed
              Verbatim to read. The browser’s extensions menu sets the sites it may read.
            </>
          ) : (
            <>
              Verbatim doesn’t run on this page. It works on web pages, not on browser pages such as
              the new tab page; a page opened before Verbatim was installed needs a reload.
            </>
          )}
        </p>
      )}
      {host && settings && (
        <ToggleSwitch
          id="pause-site"
          checked={paused}
          disabled={saving}
          label={`Pause Verbatim on ${host}`}
          onChange={next => void setPaused(next)}
        />
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
