/**
 * Pausing Verbatim on a site from the popup: which `disabledSites` entries a
 * switch adds and removes. Pure.
 */
import { isSiteDisabled } from '../content/sites';

/** The entry that pauses `host` and its `www.` twin: the host without a leading `www.`. */
export function siteOf(host: string): string {
  return host
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^www\.(?=[^.]+\.)/, '');
}

/** Whether Verbatim is paused on `host` by `sites`. */
export function isPausedOn(host: string, sites: readonly string[]): boolean {
  return isSiteDisabled(host, sites);
}

/**
 * `sites` with `host` paused (`paused`) or running again. Resuming removes
 * every entry that covers the host (a parent domain too), or the switch
 * would stay off.
 */
export function withSitePaused(sites: readonly string[], host: string, paused: boolean): string[] {
  if (paused) {
    return isSiteDisabled(host, sites) ? [...sites] : [...sites, siteOf(host)];
  }
  return sites.filter(site => !isSiteDisabled(host, [site]));
}
